package io.deploycheck.cli;

/** Input the CLI cannot use: reported as one line on stderr with exit code 2, never as a stack trace. */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }
}
