package sourceguides

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRenderText(t *testing.T) {
	g, err := Lookup("findrunnable")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Render(&buf, pinned(t), g, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	start := strings.Index(out, "step 2 of 11")
	if start < 0 {
		t.Fatalf("no step 2 of 11 in:\n%s", out)
	}
	got := strings.Split(out[start:], "\n")[:5]
	want := []string{
		"step 2 of 11: Every 61st tick, the global queue first",
		"  runtime/proc.go:3458  in findRunnable",
		"  ▶  3458 │     if pp.schedtick%61 == 0 && !sched.runq.empty() {",
		"     3459 │         lock(&sched.lock)",
		"     3460 │         gp := globrunqget()",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("rendered step (-want +got):\n%s", d)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes in uncoloured output")
	}
}

func TestRenderFormats(t *testing.T) {
	g, err := Lookup("runq")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		opts RenderOptions
		want []string
	}{
		{RenderOptions{Format: Text, Color: true}, []string{"\x1b[1mstep 6 of 9: A thief grabs half", "[" + PatchNote + "]"}},
		{RenderOptions{Format: Markdown}, []string{"## Step 6 of 9: A thief grabs half", "> **" + PatchNote + "**", "```go\n> "}},
		{RenderOptions{Format: HTML}, []string{"<!DOCTYPE html>", "@media print", `<span class="patched">` + PatchNote,
			`<span class="hit"><span class="ln"> 7746  </span>`}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Render(&buf, pinned(t), g, tt.opts); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("format %d: output lacks %q", tt.opts.Format, w)
			}
		}
	}
}

// TestRenderIsCheapNextToLoading compares, in one run, the time to render
// every guide and diff proc.go against the time to load the source: once
// loaded, both must take less than the load itself.
func TestRenderIsCheapNextToLoading(t *testing.T) {
	root := pinned(t).GOROOT
	t0 := time.Now()
	src, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(t0)
	t1 := time.Now()
	renderAll(t, src)
	if _, err := Diff(src, src, "runtime/proc.go", shippedGuides(t)...); err != nil {
		t.Fatal(err)
	}
	work := time.Since(t1)
	t.Logf("load %v, render all guides + diff proc.go %v (ratio %.1f)", load, work, float64(load)/float64(work))
	if work >= load {
		t.Errorf("rendering and diffing took %v, not less than loading (%v)", work, load)
	}
}

// renderAll renders every shipped guide as text into a buffer.
func renderAll(t testing.TB, src *Source) {
	var buf bytes.Buffer
	for _, g := range shippedGuides(t) {
		if err := Render(&buf, src, g, RenderOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkLoadVsRender measures loading the pinned runtime and rendering
// every guide plus diffing proc.go, and reports load/render as a ratio.
func BenchmarkLoadVsRender(b *testing.B) {
	root := pinned(b).GOROOT
	var load, work time.Duration
	for b.Loop() {
		t0 := time.Now()
		src, err := Load(root)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		renderAll(b, src)
		if _, err := Diff(src, src, "runtime/proc.go"); err != nil {
			b.Fatal(err)
		}
		load += t1.Sub(t0)
		work += time.Since(t1)
	}
	b.ReportMetric(float64(load.Milliseconds())/float64(b.N), "load-ms/op")
	b.ReportMetric(float64(work.Microseconds())/1000/float64(b.N), "render+diff-ms/op")
	b.ReportMetric(float64(load)/float64(work), "load/render")
}
