// Package exercises holds the scheduler exercises of the gopatched toolkit
// and the runner that builds, runs and judges them.
//
// Each exercise is a small program of its own in a folder NN-name beside
// this package (package main), plus one file here, exNN_name.go, that
// registers an Exercise: its number, name, level and needs, and a Run
// function. Run builds the program with Env.Build, starts it as many times
// as the exercise asks with Env.Exec (setting GOMAXPROCS, GODEBUG and
// flags), turns what it printed into measured figures, and returns a Result:
// the checks, each pass, fail or skip with the measured figure beside the
// expected one, and the body of the exercise's report.
//
// Checks compare figures measured in the same run, as ratios; none compares
// an absolute time with a constant. A check may only skip when the exercise
// declares, in SkipBelowCores, that it needs more cores than the machine has;
// the runner turns any other skip into a failure.
//
// The programs print their measurements as one line "RESULT {json}" on
// standard output; everything else they print is kept as raw output in the
// exercise's folder. They are run with the folder as working directory, so
// traces and profiles they write land there.
//
// Adding an exercise is adding its program folder and one registering file;
// nothing else changes.
package exercises
