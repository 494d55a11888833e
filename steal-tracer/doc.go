// Package stealtracer reads Go execution traces that carry work-steal
// records, as written by the gopatched runtime (see FORMAT.md in this
// folder for the bytes).
//
// # Model
//
// A trace is a version header followed by batches. Each batch has a small
// header (kind byte, experiment byte for experimental batches, then
// generation, M, time and payload size as varints) and a payload; Go 1.26
// format traces also end every generation with a one-byte marker. Work-steal
// records live in experimental batches of experiment 2 (WorkSteal), which
// stock parsers cannot read: golang.org/x/exp/trace crashes on them.
//
// A [Reader] makes one streaming pass over the trace. It splits the byte
// stream into batches, hands every batch except the steal batches, byte for
// byte, to golang.org/x/exp/trace, and decodes the steal batches itself. It
// then delivers one merged stream of [Item]s: the parser's events and the
// steals, in time order, each steal among the events of its own generation.
// Steal times are converted from ticks with the frequency of their own
// generation exactly as the parser converts event times, so they compare
// directly with [trace.Event.Time].
//
// Memory stays bounded by one batch plus the steals of the generations the
// parser has read ahead (at most the current and the next one), plus
// whatever the parser itself holds for a generation.
//
// [Strip] copies a trace without its steal batches, for stock tools.
// [Check] verifies steal records against the scheduling events around them.
//
// # Limits
//
// Traces older than Go 1.22 (the v1 format) are refused. Steals are
// delivered after the Sync event that starts their generation even when a
// steal's time is slightly earlier than that Sync event's time; within a
// generation they are in time order with the events, a steal before any event
// of the same time.
package stealtracer
