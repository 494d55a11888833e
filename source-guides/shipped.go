package sourceguides

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
)

// shipped holds the guides that come with the toolkit.
//
//go:embed guides/*.txt
var shipped embed.FS

// List returns the shipped guides, sorted by name. An error means a shipped
// guide file is malformed; its message has the file and line.
func List() ([]*Guide, error) {
	entries, err := shipped.ReadDir("guides")
	if err != nil {
		return nil, fmt.Errorf("listing shipped guides: %w", err)
	}
	var out []*Guide
	for _, e := range entries {
		name := path.Join("guides", e.Name())
		data, err := shipped.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("reading shipped guide: %w", err)
		}
		g, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Lookup returns the shipped guide called name. For an unknown name the
// error suggests the closest names.
func Lookup(name string) (*Guide, error) {
	all, err := List()
	if err != nil {
		return nil, err
	}
	names := make([]string, len(all))
	for i, g := range all {
		if g.Name == name {
			return g, nil
		}
		names[i] = g.Name
	}
	return nil, fmt.Errorf("no guide %q%s; \"gopatched guide -list\" lists them",
		name, suggestion(name, names))
}

// suggestion returns ` (did you mean "a" or "b"?)` with the names closest to
// name, or "" when none is close.
func suggestion(name string, names []string) string {
	close := closest(name, names, 3)
	if len(close) == 0 {
		return ""
	}
	quoted := make([]string, len(close))
	for i, c := range close {
		quoted[i] = fmt.Sprintf("%q", c)
	}
	return " (did you mean " + strings.Join(quoted, " or ") + "?)"
}
