// Command storage-initializer stands in for KServe's storage-initializer image (the init container KServe's pod
// mutator injects for spec.predictor.model.storageUri; it runs `storage-initializer SRC_URI DEST_DIR`). Its bucket
// holds every model except those under a path segment "missing": for those it fails as the real one does when no
// object matches, with the same last line.
//
// source: https://github.com/kserve/kserve/blob/v0.17.0/python/storage/kserve_storage/kserve_storage.py
// (RuntimeError("Failed to fetch model. No model found in %s." % uri); "Successfully copied %s to %s")
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: storage-initializer SRC_URI DEST_DIR")
		os.Exit(2)
	}
	uri, dest := os.Args[1], os.Args[2]
	fmt.Fprintf(os.Stderr, "INFO:kserve:Copying contents of %s to local\n", uri)
	if strings.Contains(uri+"/", "/missing/") {
		// KServe sets terminationMessagePolicy FallbackToLogsOnError, so this log line becomes the termination
		// message that KServe copies into status.modelStatus.lastFailureInfo.
		fmt.Fprintf(os.Stderr, "RuntimeError: Failed to fetch model. No model found in %s.\n", uri)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Join(dest, "model.joblib"), []byte(uri+"\n"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "INFO:kserve:Successfully copied %s to %s\n", uri, dest)
}
