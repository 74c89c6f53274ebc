#!/usr/bin/env python3
"""Off-CPU time of one process's threads from `perf script` output of sched:sched_switch events.

    perf record -a -e sched:sched_switch -g -o sched.data -- dotnet build ...
    perf script -i sched.data -F comm,pid,tid,time,event,trace,ip,sym > sched.txt
    python3 bench/analyzer-bench/offcpu.py sched.txt PID

Pairs each switch-out of a thread of PID with that thread's next switch-in and sums the intervals by prev_state
(R: preempted, runnable but waiting for a core; S/D: blocked) and by the kernel path the thread left through (futex,
page fault, timer tick or interrupt, I/O, poll). It reads only the kernel end of each stack: a switch-out's stack
goes through libcoreclr and stops there, so no managed frame shows (see bench/README.md, Profiling, for naming
JIT-compiled frames in CPU samples).
"""
import collections
import re
import sys

EVENT = re.compile(r'^.*?\s+(\d+)/(\d+)\s+([\d.]+): sched:sched_switch: prev_comm=.*? prev_pid=(\d+) .*?prev_state=(\S+) ==> next_comm=.*? next_pid=(\d+)')
# The first of these a switched-out thread's stack shows (innermost first) names the path it left through.
REASONS = (("futex", ("futex",)), ("page_fault", ("page_fault",)),
           ("tick/irq", ("apic_timer", "irqentry_exit", "exit_to_user_mode")), ("io", ("io_schedule",)), ("poll", ("poll",)))


def reason(stack):
    for frame in stack:
        for name, marks in REASONS:
            if any(m in frame for m in marks):
                return name
    return "other"


def main(path, pid):
    events = []  # [time, pid, prev tid, prev state, next tid, stack]
    with open(path, errors="replace") as f:
        for line in f:
            if line[:1] in ("\t", " "):
                if events and events[-1] is not None:
                    parts = line.split(None, 1)
                    events[-1][5].append(parts[-1].strip())
                continue
            m = EVENT.match(line)
            events.append([float(m.group(3)), m.group(1), m.group(4), m.group(5), m.group(6), []] if m else None)
    events = [e for e in events if e is not None]
    tids = {e[2] for e in events if e[1] == pid}
    out = {}  # tid -> (time switched out, state, stack)
    by_kind = collections.defaultdict(float)
    by_reason = collections.defaultdict(float)
    for time, event_pid, prev, state, nxt, stack in events:
        if event_pid == pid and prev in tids:
            out[prev] = (time, state, stack)
        if nxt in out:
            start, was, left = out.pop(nxt)
            kind = "preempted" if was.startswith("R") else "blocked-" + was
            by_kind[kind] += time - start
            by_reason[(kind, reason(left))] += time - start
    print(f"threads of {pid}: {len(tids)}")
    print("off-CPU seconds by kind:", {k: round(v, 1) for k, v in by_kind.items()})
    print("by kind and kernel path (s):")
    for key, seconds in sorted(by_reason.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:8.2f}  {key}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
