// Command tracesize reports what work-steal records cost in trace size.
//
// Usage:
//
//	tracesize [-without FILE]... FILE...
//
// Each FILE is a trace recorded by the patched toolchain with steal records
// on. tracesize counts their steals and the bytes of their WorkSteal
// batches (headers included), summed over the files, and prints the bytes
// per steal and the share of the traces the batches take. Each -without
// FILE is a twin run recorded with GODEBUG=tracesteal=0; with them it also
// prints the difference of the mean file sizes, per steal and as a share.
// The two estimates differ because two runs never schedule alike: the size
// difference also holds every other event that differs between the runs,
// so it needs several runs of each kind to mean anything.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

func main() {
	var without []string
	flag.Func("without", "a twin run recorded with GODEBUG=tracesteal=0 (`file`; repeat the flag)",
		func(s string) error { without = append(without, s); return nil })
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: tracesize [-without FILE]... FILE...")
		fmt.Fprintln(os.Stderr, "Prints the trace bytes per work steal and the share of the trace that steals take.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(os.Stdout, flag.Args(), without); err != nil {
		fmt.Fprintln(os.Stderr, "tracesize:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, paths, without []string) error {
	on, err := sum(paths)
	if err != nil {
		return err
	}
	if on.Steals == 0 {
		return fmt.Errorf("no steal records in %v: record with the patched toolchain and tracesteal=1", paths)
	}
	fmt.Fprintln(w, "| measure | value |\n|---|---:|")
	fmt.Fprintf(w, "| traces with steal records | %d |\n", len(paths))
	fmt.Fprintf(w, "| mean trace bytes | %.0f |\n", float64(on.Bytes)/float64(len(paths)))
	fmt.Fprintf(w, "| mean steals per trace | %.1f |\n", float64(on.Steals)/float64(len(paths)))
	fmt.Fprintf(w, "| goroutines moved per steal | %.2f |\n", float64(on.Moved)/float64(on.Steals))
	fmt.Fprintf(w, "| WorkSteal batches per trace | %.1f |\n", float64(on.StealBatches)/float64(len(paths)))
	fmt.Fprintf(w, "| WorkSteal batch bytes per steal | %.1f |\n", float64(on.StealBytes)/float64(on.Steals))
	fmt.Fprintf(w, "| WorkSteal share of the trace | %.2f%% |\n", 100*float64(on.StealBytes)/float64(on.Bytes))
	if len(without) == 0 {
		return nil
	}
	off, err := sum(without)
	if err != nil {
		return err
	}
	if off.Steals != 0 {
		return fmt.Errorf("%d steal records in %v: record them with GODEBUG=tracesteal=0", off.Steals, without)
	}
	meanOn := float64(on.Bytes) / float64(len(paths))
	meanOff := float64(off.Bytes) / float64(len(without))
	steals := float64(on.Steals) / float64(len(paths))
	fmt.Fprintf(w, "| traces with tracesteal=0 | %d |\n", len(without))
	fmt.Fprintf(w, "| mean trace bytes with tracesteal=0 | %.0f |\n", meanOff)
	fmt.Fprintf(w, "| mean size difference per steal | %.1f |\n", (meanOn-meanOff)/steals)
	fmt.Fprintf(w, "| mean size difference as a share | %.2f%% |\n", 100*(meanOn-meanOff)/meanOn)
	return nil
}

// sum reads each trace once and adds up their counts.
func sum(paths []string) (stealtracer.Stats, error) {
	var total stealtracer.Stats
	for _, p := range paths {
		st, err := stats(p)
		if err != nil {
			return total, err
		}
		total.Bytes += st.Bytes
		total.Steals += st.Steals
		total.Moved += st.Moved
		total.StealBatches += st.StealBatches
		total.StealBytes += st.StealBytes
	}
	return total, nil
}

// stats reads a trace once and returns its counts.
func stats(path string) (stealtracer.Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return stealtracer.Stats{}, fmt.Errorf("opening trace: %w", err)
	}
	defer f.Close()
	st, err := stealtracer.Strip(io.Discard, f)
	if err != nil {
		return st, fmt.Errorf("reading %s: %w", path, err)
	}
	return st, nil
}
