package portal

import (
	"time"

	"github.com/syncloud/syncloud/internal/usage"
)

// Chart geometry, in SVG user units.
const (
	chartWidth  = 600
	chartHeight = 160
	chartBottom = 140
)

// chart is a server-rendered SVG bar chart of requests per day: the
// successful part of each bar and the failed part on top.
type chart struct {
	Width, Height, Bottom int
	Bars                  []bar
	Max                   int64
}

// bar is one day.
type bar struct {
	Day                    string
	X, W                   float64
	OKY, OKH, FailY, FailH float64
	OK, Failed             int64
}

// dailyChart lays out one bar per day of the period, days without
// requests included.
func dailyChart(groups []usage.Group, from time.Time, days int) chart {
	byDay := map[string]usage.Group{}
	var max int64
	for _, g := range groups {
		byDay[g.Key] = g
		max = maxInt64(max, g.Requests)
	}
	c := chart{Width: chartWidth, Height: chartHeight, Bottom: chartBottom, Max: max}
	slot := float64(chartWidth) / float64(days+1)
	for i := 0; i <= days; i++ {
		day := from.AddDate(0, 0, i).Format(time.DateOnly)
		g := byDay[day]
		b := bar{Day: day, X: float64(i)*slot + slot*0.1, W: slot * 0.8, OK: g.Succeeded, Failed: g.Failed}
		if max > 0 {
			b.OKH = float64(g.Succeeded) / float64(max) * (chartBottom - 10)
			b.FailH = float64(g.Failed) / float64(max) * (chartBottom - 10)
		}
		b.OKY = chartBottom - b.OKH
		b.FailY = b.OKY - b.FailH
		c.Bars = append(c.Bars, b)
	}
	return c
}

func maxInt64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}
