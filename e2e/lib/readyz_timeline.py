"""Judges /readyz sampled over a fault (lib/faults.sh writes the samples):

    readyz_timeline.py FILE FAULT RECOVERY DETECT_BAR READY_BAR REASON

FILE has lines "EPOCH CODE READY BODY" (CODE 000: nothing answered; READY: deploycheck_operator_ready, - if absent)
and "EPOCH mark NAME". Between the marks FAULT and RECOVERY, /readyz must turn false within DETECT_BAR seconds and
stay false (no 200) until RECOVERY, with REASON in a 503 body; after RECOVERY it must be true within READY_BAR
seconds and stay true. deploycheck_operator_ready must agree (0 while false, 1 while true) where /readyz is steady
(- : /metrics did not answer within 2 s, not judged). DETECT_BAR "-" checks only the recovery (a fault without a window, such as kill -9). Prints
"measured:" lines; exits 1 with the reasons when a bar is missed.
"""
import sys

path, fault, recovery, detect_bar, ready_bar, reason = sys.argv[1:7]
samples, marks = [], {}
for line in open(path, encoding="utf-8", errors="replace"):
    parts = line.rstrip("\n").split(" ", 3)
    if len(parts) >= 3 and parts[1] == "mark":
        marks[" ".join(parts[2:])] = float(parts[0])
    elif len(parts) >= 3:
        samples.append((float(parts[0]), parts[1], parts[2], parts[3] if len(parts) > 3 else ""))



def steady(run):
    """Samples whose neighbours have the same /readyz code: the metric, read a moment later, must agree there."""
    return [s for i, s in enumerate(run) if 0 < i < len(run) - 1 and run[i - 1][1] == s[1] == run[i + 1][1]]


problems = []
t_fault, t_rec = marks[fault], marks[recovery]
before = [s for s in samples if s[0] < t_fault]
if not before or before[-1][1] != "200":
    problems.append(f"/readyz was not 200 before {fault}: {before[-1:] or 'no sample'}")

window = [s for s in samples if t_fault <= s[0] < t_rec]
detected = None
if detect_bar != "-":
    false = [s for s in window if s[1] != "200"]
    if not false:
        problems.append(f"/readyz never turned false between {fault} and {recovery} ({len(window)} samples)")
    else:
        detected = false[0][0] - t_fault
        if detected > float(detect_bar):
            problems.append(f"/readyz turned false {detected:.1f}s after {fault}, bar {detect_bar}s")
        true_again = [s for s in window if s[0] > false[0][0] and s[1] == "200"]
        if true_again:
            problems.append(f"/readyz said 200 during the fault at +{true_again[0][0] - t_fault:.1f}s")
        if not any(s[1] == "503" and reason in s[3] for s in false):
            problems.append(f"no 503 body during the fault names '{reason}': {sorted({s[3] for s in false})}")
        wrong = [s for s in steady(window) if s[1] != "200" and s[2] == "1.0"]
        if wrong:
            problems.append(f"deploycheck_operator_ready was {wrong[0][2]} while /readyz was {wrong[0][1]}")

after = [s for s in samples if s[0] >= t_rec]
ready_at = next((i for i, s in enumerate(after) if all(t[1] == "200" for t in after[i:])), None)
if ready_at is None or not after:
    problems.append(f"/readyz not steadily 200 after {recovery}: last {after[-1:] or 'no sample'}")
else:
    ready = after[ready_at][0] - t_rec
    if ready > float(ready_bar):
        problems.append(f"/readyz true {ready:.1f}s after {recovery}, bar {ready_bar}s")
    wrong = [s for s in steady(after[ready_at:]) if s[2] == "0.0"]
    if wrong:
        problems.append(f"deploycheck_operator_ready was {wrong[0][2]} while /readyz was 200")

no_answer = sum(1 for s in window if s[1] == "000")
reasons = []
for s in window:
    if s[1] == "503" and s[3] not in reasons:
        reasons.append(s[3])
if detected is not None:
    print(f"measured: /readyz false {detected:.1f}s after {fault} (bar {detect_bar}s) and in all {len(window)} samples"
          f" until {recovery} ({no_answer} without answer)")
if reasons:
    print("measured: /readyz said " + " | ".join(reasons[:3]))
if ready_at is not None and after:
    print(f"measured: /readyz true {after[ready_at][0] - t_rec:.1f}s after {recovery} (bar {ready_bar}s), and steadily"
          f" for the {after[-1][0] - after[ready_at][0]:.0f}s sampled after")
for problem in problems:
    print("FAILED: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
