#!/usr/bin/env python3
"""Off-CPU time of one process's threads from `perf script` output of sched:sched_switch events.

    DOTNET_PerfMapEnabled=1 perf record -a -e sched:sched_switch -g -o sched.data -- dotnet build ...
    perf script -i sched.data -F comm,pid,tid,time,event,trace,ip,sym > sched.txt
    python3 bench/analyzer-bench/offcpu.py sched.txt PID_OF_CSC

Pairs each switch-out of a thread of PID with that thread's next switch-in and sums the intervals by prev_state
(R: preempted, runnable but waiting for a core; S/D: blocked) and by the kernel path it left through (futex, page
fault, timer tick...). Intervals whose stack shows a PhiAnalyzers frame are also summed per innermost such frame
(needs symbolized managed frames; see bench/README.md, Profiling).
"""
import re, sys, collections
PID = sys.argv[2]
path = sys.argv[1]
ev_re = re.compile(r'^(.*?)\s+(\d+)/(\d+)\s+([\d.]+): sched:sched_switch: prev_comm=.*? prev_pid=(\d+) .*?prev_state=(\S+) ==> next_comm=.*? next_pid=(\d+)')
events = []  # (time, prev_tid, prev_state, next_tid, stack)
cur = None
with open(path, errors='replace') as f:
    for line in f:
        if line.startswith('\t') or line.startswith(' '):
            if cur is not None:
                parts = line.strip().split(None, 1)
                cur[4].append(parts[1] if len(parts) > 1 else parts[0])
            continue
        m = ev_re.match(line)
        if m:
            cur = [float(m.group(4)), m.group(5), m.group(6), m.group(7), [], m.group(2)]
            events.append(cur)
        else:
            cur = None
# csc threads: tids whose pid is PID
tids = set()
for e in events:
    if e[5] == PID:
        tids.add(e[1])
out = {}  # tid -> (t0, state, stack)
agg = collections.defaultdict(float)
aggphi = collections.defaultdict(float)
aggleaf = collections.defaultdict(float)
count = collections.Counter()
total = collections.defaultdict(float)
for t, prev, state, nxt, stack, pid in events:
    if prev in tids and pid == PID:
        out[prev] = (t, state, stack)
    if nxt in tids and nxt in out:
        t0, st, stk = out.pop(nxt)
        d = t - t0
        kind = 'preempted' if st.startswith('R') else ('blocked-' + st)
        phi = next((s for s in stk if 'PhiAnalyzers' in s), None)
        # kernel reason
        reason = 'other'
        for s in stk:
            if 'futex' in s: reason = 'futex'; break
            if 'page_fault' in s: reason = 'page_fault'; break
            if 'apic_timer' in s or 'irqentry_exit' in s or 'exit_to_user_mode' in s: reason = 'tick/irq'; break
            if 'io_schedule' in s: reason = 'io'; break
            if 'poll' in s or 'epoll' in s: reason = 'poll'; break
        total[kind] += d
        if phi:
            aggphi[(kind, reason, phi[:110])] += d
            count[(kind, reason, phi[:110])] += 1
            # first managed non-kernel frame
            user = [s for s in stk if not s.startswith('__') and 'schedule' not in s and 'futex' not in s and 'syscall' not in s and 'entry_SYSCALL' not in s]
            leaf = ' < '.join(x[:70] for x in user[:4])
            aggleaf[(kind, reason, leaf)] += d
        agg[(kind, reason)] += d
print('csc threads', len(tids))
print('total off-cpu by kind:', {k: round(v, 1) for k, v in total.items()})
print('\nby kind/reason (s):')
for k, v in sorted(agg.items(), key=lambda kv: -kv[1])[:15]:
    print(f'  {v:8.2f}  {k}')
print('\nwith a PhiAnalyzers frame, by innermost PhiAnalyzers frame (s):')
s = sum(aggphi.values()); print('  total', round(s, 2))
for k, v in sorted(aggphi.items(), key=lambda kv: -kv[1])[:40]:
    print(f'  {v:8.2f} {count[k]:6d}  {k}')
print('\nwith a PhiAnalyzers frame, by leaf frames (s):')
for k, v in sorted(aggleaf.items(), key=lambda kv: -kv[1])[:30]:
    print(f'  {v:8.2f}  {k}')
