package stealtracer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/exp/trace"
)

func TestDecodeSteals(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
		want    []Steal
		wantErr string
	}{{
		name:    "no records",
		payload: []byte{1},
	}, {
		name: "two records, one from runnext",
		payload: cat([]byte{1},
			rec{ticks: 1000, thief: 1, victim: 0, qlen: 6, moved: []uint64{17, 18, 300}}.encode(),
			rec{ticks: 1001, thief: 3, victim: 2, qlen: 0, flags: 1, moved: []uint64{9}}.encode()),
		want: []Steal{
			{Ticks: 1000, Thief: 1, Victim: 0, VictimQueueLen: 6,
				Moved: []trace.GoID{17, 18, 300}, M: 42, Generation: 7},
			{Ticks: 1001, Thief: 3, Victim: 2, RunNext: true,
				Moved: []trace.GoID{9}, M: 42, Generation: 7},
		},
	}, {
		name:    "padded varints in a record",
		payload: cat([]byte{1}, padded(1000, 10), padded(1, 3), uv(0), uv(2), uv(1), []byte{0}, uv(5)),
		want: []Steal{{Ticks: 1000, Thief: 1, Victim: 0, VictimQueueLen: 2,
			Moved: []trace.GoID{5}, M: 42, Generation: 7}},
	}, {
		name:    "empty payload",
		wantErr: "empty payload: no format version",
	}, {
		name:    "unknown format version",
		payload: []byte{2},
		wantErr: "steal record format version 2, this reader knows only version 1: " +
			"use a stealtracer that matches the toolchain",
	}, {
		name:    "unknown flag",
		payload: cat([]byte{1}, rec{ticks: 5, flags: 2, moved: []uint64{1}}.encode()),
		wantErr: "record 0 at payload offset 1: unknown flag bits 0x2",
	}, {
		name:    "nothing moved",
		payload: cat([]byte{1}, rec{ticks: 5}.encode()),
		wantErr: "record 0 at payload offset 1: steal moved no goroutines",
	}, {
		name:    "runnext with two goroutines",
		payload: cat([]byte{1}, rec{ticks: 5, flags: 1, moved: []uint64{1, 2}}.encode()),
		wantErr: "record 0 at payload offset 1: runnext steal moved 2 goroutines, want 1",
	}, {
		name: "record cut in its ids",
		payload: cat([]byte{1}, uv(5), uv(1), uv(0), uv(0), uv(2), []byte{0},
			[]byte{0x81}, uv(1)),
		wantErr: "record 0 at payload offset 1: reading goroutine 1: payload ends inside the record",
	}, {
		name:    "record cut in its header",
		payload: cat([]byte{1}, rec{ticks: 5, moved: []uint64{1}}.encode(), uv(6), uv(1)),
		wantErr: "record 1 at payload offset 8: reading victim: payload ends inside the record",
	}, {
		name:    "more ids announced than bytes left",
		payload: cat([]byte{1}, uv(5), uv(1), uv(0), uv(0), uv(4), []byte{0}, uv(1)),
		wantErr: "record 0 at payload offset 1: 4 goroutines moved but only 1 bytes left",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeSteals(nil, tt.payload, 7, 42)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
				got = nil
			}
			if gotErr != tt.wantErr {
				t.Errorf("error = %q, want %q", gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("steals (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTicksToTime(t *testing.T) {
	tests := []struct {
		ticks, freq uint64
		want        trace.Time
	}{
		{ticks: 1000, freq: 1e9, want: 1000},
		{ticks: 3, freq: 3e9, want: 1},
		{ticks: 123456789, freq: 2_400_000_000, want: 51440328},
		{ticks: 1 << 40, freq: 15625000, want: 70368744177664},
	}
	for _, tt := range tests {
		if got := ticksToTime(tt.ticks, tt.freq); got != tt.want {
			t.Errorf("ticksToTime(%d, %d) = %d, want %d", tt.ticks, tt.freq, got, tt.want)
		}
	}
}
