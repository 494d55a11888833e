package exercises

import (
	"fmt"
	"html/template"
	"path/filepath"
	"strings"
	"time"
)

// WriteIndex writes index.md and index.html into out, linking each
// exercise's report and plots. The HTML page carries its own style and
// needs no network.
func WriteIndex(out, goVersion string, cores int, full bool, outcomes []*Outcome) error {
	mode := "quick"
	if full {
		mode = "full"
	}
	stamp := time.Now().UTC().Format(time.RFC3339)

	var md strings.Builder
	fmt.Fprintf(&md, "# Exercise run\n\n- toolchain: `%s`\n- C = %d cores\n- mode: %s\n- at: %s\n\n",
		goVersion, cores, mode, stamp)
	md.WriteString("| # | exercise | verdict | time | report | plots | detail |\n")
	md.WriteString("|---|---|---|---|---|---|---|\n")
	for _, o := range outcomes {
		dir := filepath.Base(o.Dir)
		var plots []string
		for _, p := range o.Plots {
			plots = append(plots, fmt.Sprintf("[%s](%s/%s)", p, dir, p))
		}
		fmt.Fprintf(&md, "| %d | %s | %s | %.1fs | [report](%s/report.md) | %s | %s |\n",
			o.Exercise.Number, o.Exercise.Title, o.Status, o.Elapsed.Seconds(), dir,
			strings.Join(plots, " "), detail(o))
	}
	if err := writeAtomic(filepath.Join(out, "index.md"), []byte(md.String())); err != nil {
		return err
	}

	var rows []indexRow
	for _, o := range outcomes {
		dir := filepath.Base(o.Dir)
		r := indexRow{Number: o.Exercise.Number, Title: o.Exercise.Title, Status: string(o.Status),
			Time: fmt.Sprintf("%.1fs", o.Elapsed.Seconds()), Report: dir + "/report.md",
			Detail: detail(o)}
		for _, p := range o.Plots {
			r.Plots = append(r.Plots, dir+"/"+p)
		}
		rows = append(rows, r)
	}
	var h strings.Builder
	err := indexPage.Execute(&h, map[string]any{"Go": goVersion, "Cores": cores,
		"Mode": mode, "At": stamp, "Rows": rows})
	if err != nil {
		return fmt.Errorf("rendering index.html: %w", err)
	}
	return writeAtomic(filepath.Join(out, "index.html"), []byte(h.String()))
}

type indexRow struct {
	Number                              int
	Title, Status, Time, Report, Detail string
	Plots                               []string
}

var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>gopatched exercises</title>
<style>
body{font-family:sans-serif;margin:2em;max-width:75em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
.pass{background:#dfd}.fail{background:#fdd}.skip{background:#ffd}
img{max-width:22em;display:block}
</style></head><body>
<h1>Exercise run</h1>
<p>Toolchain <code>{{.Go}}</code>, C = {{.Cores}} cores, {{.Mode}} mode, {{.At}}.</p>
<table><tr><th>#</th><th>exercise</th><th>verdict</th><th>time</th><th>report</th><th>plots</th><th>detail</th></tr>
{{range .Rows}}<tr class="{{.Status}}"><td>{{.Number}}</td><td>{{.Title}}</td><td>{{.Status}}</td><td>{{.Time}}</td>
<td><a href="{{.Report}}">report</a></td><td>{{range .Plots}}<a href="{{.}}"><img src="{{.}}" alt="{{.}}"></a>{{end}}</td><td>{{.Detail}}</td></tr>
{{end}}</table></body></html>
`))
