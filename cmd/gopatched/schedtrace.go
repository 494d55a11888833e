package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gopatched/gopatched/internal/schedtrace"
)

func init() {
	register(&command{
		name:    "schedtrace",
		summary: "read GODEBUG=schedtrace/scheddetail output from stdin, print the series",
		run:     runSchedtrace,
	})
}

const schedtraceUsage = `usage: gopatched schedtrace [-csv] < stderr.log
       SOMEPROGRAM 2>&1 | gopatched schedtrace [-csv]

Reads the lines the Go runtime prints under GODEBUG=schedtrace=N (and
scheddetail=1) from standard input and prints one row per SCHED line: time,
gomaxprocs, idle Ps, threads, spinning and idle threads, the global run
queue, the sum and the largest of the per-P local queues, and, for
scheddetail input, the goroutine count. For scheddetail input it then prints
a histogram of goroutine wait reasons over all snapshots.

Other lines (the program's own output) are skipped but counted, and the
count is reported on standard error with the first few, so a line the reader
does not understand is never lost silently. A trace line cut in half by the
program writing at the same moment cannot be recovered and is counted too.

flags:
`

func runSchedtrace(args []string) error {
	return schedtraceMain(args, os.Stdin, os.Stdout, os.Stderr)
}

// schedtraceMain is the command with its streams passed in, for tests.
func schedtraceMain(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("schedtrace", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asCSV := fs.Bool("csv", false, "print the series as CSV instead of a table")
	fs.Usage = func() {
		fmt.Fprint(stderr, schedtraceUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: no arguments expected; pipe the log into standard input", errUsage)
	}
	tr, err := schedtrace.Parse(stdin)
	if err != nil {
		return err
	}
	if len(tr.Snapshots) == 0 {
		return fmt.Errorf("no SCHED lines in %d lines of input; was the program run with "+
			"GODEBUG=schedtrace=1000, and its standard error piped in?", tr.Lines)
	}
	if *asCSV {
		err = writeSeriesCSV(stdout, tr)
	} else {
		err = writeSeriesTable(stdout, tr)
	}
	if err != nil {
		return err
	}
	if tr.Unrecognized > 0 {
		fmt.Fprintf(stderr, "%d of %d lines were not scheduler trace lines; the first:\n",
			tr.Unrecognized, tr.Lines)
		for _, s := range tr.Samples {
			fmt.Fprintf(stderr, "  line %d: %s (%s)\n", s.Line, clipText(s.Text), s.Reason)
		}
	}
	return nil
}

var seriesHeader = []string{"ms", "gomaxprocs", "idleprocs", "threads", "spinning",
	"idlethreads", "runqueue", "local_sum", "local_max", "goroutines"}

// seriesRow renders one snapshot as the columns of seriesHeader.
func seriesRow(s schedtrace.Snapshot) []string {
	sum, most := 0, 0
	queues := s.Sched.LocalRunQueues
	if s.Sched.Detailed {
		queues = nil
		for _, p := range s.Ps {
			queues = append(queues, p.RunqSize)
		}
	}
	for _, q := range queues {
		sum += q
		most = max(most, q)
	}
	goroutines := ""
	if s.Sched.Detailed {
		goroutines = strconv.Itoa(len(s.Gs))
	}
	c := s.Sched
	return []string{strconv.FormatInt(c.TimeMs, 10), strconv.Itoa(c.GOMAXPROCS),
		strconv.Itoa(c.IdleProcs), strconv.Itoa(c.Threads), strconv.Itoa(c.SpinningThreads),
		strconv.Itoa(c.IdleThreads), strconv.Itoa(c.RunQueue), strconv.Itoa(sum),
		strconv.Itoa(most), goroutines}
}

func writeSeriesCSV(w io.Writer, tr *schedtrace.Trace) error {
	cw := csv.NewWriter(w)
	cw.Write(seriesHeader)
	for _, s := range tr.Snapshots {
		cw.Write(seriesRow(s))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

func writeSeriesTable(w io.Writer, tr *schedtrace.Trace) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(seriesHeader, "\t")+"\t")
	for _, s := range tr.Snapshots {
		fmt.Fprintln(tw, strings.Join(seriesRow(s), "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}

	// The wait-reason histogram, over every snapshot of a detailed trace.
	total := map[string]int{}
	for i := range tr.Snapshots {
		for r, n := range tr.Snapshots[i].WaitReasons() {
			total[r] += n
		}
	}
	if len(total) == 0 {
		return nil
	}
	reasons := slices.Collect(maps.Keys(total))
	sort.Slice(reasons, func(i, j int) bool {
		if total[reasons[i]] != total[reasons[j]] {
			return total[reasons[i]] > total[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	most := total[reasons[0]]
	fmt.Fprintf(w, "\ngoroutine wait reasons, summed over %d snapshots:\n", len(tr.Snapshots))
	for _, r := range reasons {
		bar := strings.Repeat("#", max(1, total[r]*40/most))
		fmt.Fprintf(w, "%28s %6d %s\n", r, total[r], bar)
	}
	return nil
}

// clipText shortens a line for the report of unrecognised lines.
func clipText(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
