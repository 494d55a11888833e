package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gopatched/gopatched/steal-tracer/summary"
)

// printText prints the summary for people.
func printText(w io.Writer, path string, s *summary.Summary) {
	st := s.Stats
	fmt.Fprintf(w, "%s: go 1.%d trace, %d bytes, %d generations\n",
		path, st.Version, st.Bytes, st.Generations)
	fmt.Fprintf(w, "duration %v, GOMAXPROCS %d\n", time.Duration(s.Duration), s.GOMAXPROCS)
	if st.StealBatches == 0 {
		fmt.Fprintf(w, "\n%s\n", summary.NoStealsHint)
		return
	}
	fmt.Fprintf(w, "%d steals moved %d goroutines (%.2f per steal), %d from runnext\n",
		s.Steals, s.Moved, float64(s.Moved)/float64(max(s.Steals, 1)), s.RunNext)
	fmt.Fprintf(w, "steal records: %d batches, %d bytes (%.1f%% of the trace)\n",
		st.StealBatches, st.StealBytes, 100*float64(st.StealBytes)/float64(st.Bytes))
	b := s.Busiest
	fmt.Fprintf(w, "busiest %v: %d steals, from %v to %v\n", time.Duration(s.Window),
		b.Steals, time.Duration(b.Start), time.Duration(b.End))

	// Per P.
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "P\tsteals as thief\tgoroutines gained\tsteals as victim\tgoroutines lost\t")
	for p := range s.Thieves {
		fmt.Fprintf(tw, "P%d\t%d\t%d\t%d\t%d\t\n", p, s.Thieves[p].Steals, s.Thieves[p].Moved,
			s.Victims[p].Steals, s.Victims[p].Moved)
	}
	tw.Flush()

	// The matrix.
	fmt.Fprintln(w, "\nsteals, thief (rows) × victim (columns):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{""}
	for p := range s.Matrix {
		head = append(head, fmt.Sprintf("P%d", p))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for t, row := range s.Matrix {
		cells := []string{fmt.Sprintf("P%d", t)}
		for _, n := range row {
			cells = append(cells, fmt.Sprint(n))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
}
