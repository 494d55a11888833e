package schedtrace

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxSamples bounds the unrecognised lines kept in Trace.Samples.
const maxSamples = 10

// The key lists below give, in print order, the key=value fields of each
// kind of line. Values are cut between consecutive keys rather than at
// spaces, because some values (a wait reason, preemptoff) hold spaces.
var (
	schedKeys = []string{"gomaxprocs", "idleprocs", "threads", "spinningthreads",
		"needspinning", "idlethreads", "runqueue"}
	schedDetailKeys = []string{"gcwaiting", "nmidlelocked", "stopwait", "sysmonwait"}
	pKeys           = []string{"status", "schedtick", "syscalltick", "m", "runqsize",
		"gfreecnt", "timerslen"}
	mKeys = []string{"p", "curg", "mallocing", "throwing", "preemptoff", "locks",
		"dying", "spinning", "blocked", "lockedg"}
	gKeys = []string{"status", "m", "lockedm"}
)

// Parse reads a scheduler trace from r. It returns an error only when r
// itself fails; lines it cannot use are counted in the result.
func Parse(r io.Reader) (*Trace, error) {
	t := &Trace{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		t.Lines++
		if err := t.addLine(t.Lines, sc.Text()); err != nil {
			t.Unrecognized++
			if len(t.Samples) < maxSamples {
				t.Samples = append(t.Samples,
					Unrecognized{Line: t.Lines, Text: sc.Text(), Reason: err.Error()})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return t, fmt.Errorf("reading scheduler trace at line %d: %w", t.Lines+1, err)
	}
	return t, nil
}

// addLine parses one line into t, or says why it cannot.
func (t *Trace) addLine(n int, line string) error {
	switch {
	case strings.HasPrefix(line, "SCHED "):
		s, err := parseSched(n, line)
		if err != nil {
			return err
		}
		t.Snapshots = append(t.Snapshots, Snapshot{Sched: s})
		return nil
	case strings.HasPrefix(line, "  P"), strings.HasPrefix(line, "  M"),
		strings.HasPrefix(line, "  G"):
		if len(t.Snapshots) == 0 {
			return fmt.Errorf("detail line before any SCHED line")
		}
		return t.Snapshots[len(t.Snapshots)-1].addDetail(n, line)
	default:
		return fmt.Errorf("not a scheduler trace line")
	}
}

// addDetail parses one P, M or G line into the snapshot.
func (s *Snapshot) addDetail(n int, line string) error {
	kind := line[2]
	id, rest, ok := strings.Cut(line[3:], ": ")
	if !ok {
		return fmt.Errorf("%c line without \": \" after the id", kind)
	}
	num, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return fmt.Errorf("%c line id %q: %w", kind, id, err)
	}
	switch kind {
	case 'P':
		p, err := parseP(n, int(num), rest)
		if err != nil {
			return err
		}
		s.Ps = append(s.Ps, p)
	case 'M':
		m, err := parseM(n, int(num), rest)
		if err != nil {
			return err
		}
		s.Ms = append(s.Ms, m)
	default:
		g, err := parseG(n, num, rest)
		if err != nil {
			return err
		}
		s.Gs = append(s.Gs, g)
	}
	return nil
}
