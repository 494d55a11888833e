package tracebrowser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// pageModel is what readModel takes out of the viewer's model.
type pageModel struct {
	Instants []mark
	Arrows   []arrow
	// Times are the times of the steal instants, in the viewer's
	// milliseconds, sorted.
	Times []float64
	// Warnings are the viewer's import warnings about flow events: each
	// is an arrow it dropped.
	Warnings []string
}

// The page keeps its viewer and model in local variables; the viewer is
// the element with id trace-viewer and holds the model once imported.

// readModel walks the model the trace viewer built in the page: the
// thread slices of category "work steal" (instant events become
// zero-length slices) and the flow events named "work steal" that the
// viewer could bind to slices on both ends.
const readModel = `(() => {
	const model = document.getElementById('trace-viewer').model;
	const out = {Instants: [], Arrows: [], Times: [], Warnings: []};
	for (const proc of Object.values(model.processes)) {
		for (const thread of Object.values(proc.threads)) {
			for (const s of thread.sliceGroup.slices) {
				if (s.category !== 'work steal') continue;
				out.Instants.push({Row: thread.name, Title: s.title});
				out.Times.push(s.start);
			}
		}
	}
	for (const f of model.flowEvents) {
		if (f.title !== 'work steal') continue;
		out.Arrows.push({From: f.startSlice.parentContainer.name, To: f.endSlice.parentContainer.name});
	}
	for (const w of model.importWarnings || []) {
		if (/flow/.test(w.type)) out.Warnings.push(w.message);
	}
	out.Times.sort((a, b) => a - b);
	return out;
})()`

// pageState describes a page that did not load as expected.
const pageState = `JSON.stringify({
	viewer: !!document.getElementById('trace-viewer'),
	model: !!(document.getElementById('trace-viewer') || {}).model,
	text: document.body ? document.body.innerText.slice(0, 300) : ''
})`

// showSteals zooms the viewer's timeline to lo..hi (model milliseconds),
// turns on the drawing of flow arrows and selects the steal instants in
// that window, so that the panel below the timeline lists them.
const showSteals = `((lo, hi) => {
	const v = document.getElementById('trace-viewer');
	const vp = v.trackView.viewport;
	for (const f of v.model.flowEvents) {
		if (f.title === 'work steal') vp.selectedFlowEvents.add(f.category);
	}
	const dt = new tr.ui.TimelineDisplayTransform();
	dt.set(vp.currentDisplayTransform);
	dt.xSetWorldBounds(lo, hi, vp.modelTrackContainer.canvas.clientWidth);
	vp.setDisplayTransformImmediately(dt);
	const steals = [];
	for (const proc of Object.values(v.model.processes)) {
		for (const thread of Object.values(proc.threads)) {
			for (const s of thread.sliceGroup.slices) {
				if (s.category === 'work steal' && s.start >= lo && s.start <= hi) steals.push(s);
			}
		}
	}
	v.brushingStateController.changeSelectionFromTimeline(new tr.model.EventSet(steals));
	return steals.length;
})(%f, %f)`

// shotWindow picks the timeline window of the screenshot: 0.2 ms around
// the first steal, where its marker and arrow are wide enough to see.
func shotWindow(times []float64) (lo, hi float64) {
	return times[0] - 0.1, times[0] + 0.1
}

func TestStealsInProcTimeline(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a toolchain build, a trace server and a browser; not in -short")
	}
	root := repoRoot(t)
	goBin := patchedGo(t, root)
	browser := chromium(t)

	file := recordTrace(t, root, goBin)
	wantInstants, wantArrows := expectedMarks(t, file)
	if len(wantInstants) == 0 {
		t.Fatalf("the trace of exercise 8 has no steals: is ./bin/go patched? (go run ./cmd/gopatched toolchain sentinel)")
	}
	url := serveTrace(t, goBin, file)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1600, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	// Follow the main page's link to the per-P timeline, the way a person
	// would; a small trace has exactly one.
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s in Chromium: %v", url, err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('a'))
		.filter(a => a.textContent.startsWith('View trace by proc'))
		.map(a => a.href)`))
	if err != nil {
		t.Fatalf("reading the links of %s: %v", url, err)
	}
	if len(links) != 1 {
		t.Fatalf("main page of go tool trace: got %d 'View trace by proc' links %q, want 1", len(links), links)
	}

	// Wait until the viewer has imported the trace and shows it.
	err = chromedp.Do(ctx,
		chromedp.Navigate(links[0]),
		chromedp.Poll[chromedp.Void](
			`!!(document.getElementById('trace-viewer') || {}).model`,
			chromedp.WithPollingInterval(200*time.Millisecond),
			chromedp.WithPollingTimeout(2*time.Minute)),
	)
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](pageState))
		t.Fatalf("loading %s in the trace viewer: %v\npage state: %s", links[0], err, state)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[pageModel](readModel))
	if err != nil {
		t.Fatalf("reading the trace viewer's model: %v", err)
	}
	sortMarks(got.Instants, got.Arrows)

	if diff := cmp.Diff(wantInstants, got.Instants); diff != "" {
		t.Errorf("steal instant events in the per-P timeline (-want from the trace file, +got in the page):\n%s", diff)
	}
	if diff := cmp.Diff(wantArrows, got.Arrows); diff != "" {
		t.Errorf("steal arrows in the per-P timeline (-want from the trace file, +got in the page):\n%s"+
			"viewer warnings about flows: %q", diff, got.Warnings)
	}

	// Zoom to the first steals and keep a picture of them. The viewer sets
	// its initial view after the first frames; wait for that first.
	if len(got.Times) == 0 {
		return
	}
	lo, hi := shotWindow(got.Times)
	if err := chromedp.Do(ctx, chromedp.Sleep(time.Second)); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(showSteals, lo, hi)))
	if err != nil {
		t.Fatalf("zooming to the first steals: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("taking the screenshot: %v", err)
	}
	shot := filepath.Join(root, "out", "browser", "steals.png")
	if err := writeFile(shot, png); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d steals, %d arrows; screenshot of %d steals from %.3f to %.3f ms: %s",
		len(got.Instants), len(got.Arrows), shown, lo, hi, shot)
}

// writeFile writes data to path through a temporary file in the same
// folder, so that a failed write leaves no half-written picture.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("making the screenshot folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".steals-*.png")
	if err != nil {
		return fmt.Errorf("writing the screenshot: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing the screenshot: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing the screenshot: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing the screenshot: %w", err)
	}
	return nil
}
