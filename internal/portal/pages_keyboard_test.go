package portal

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tabTargetsJS marks every visible, enabled control that belongs in the
// Tab order with a data-audit-tab key and returns the keys; a radio group
// is one stop, so its radios share a key.
const tabTargetsJS = `(() => {
  const desc = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.name ? "[name=" + e.name + "]" : "") +
    (e.getAttribute("href") ? "[href=" + e.getAttribute("href") + "]" : "") + (e.textContent || "").trim().slice(0, 24);
  const els = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]")]
    .filter(e => e.checkVisibility({visibilityProperty: true}) && !e.disabled && e.tabIndex >= 0);
  const keys = new Set();
  els.forEach((e, i) => {
    const k = e.type === "radio" ? "radio:" + e.name : desc(e) + " #" + i;
    e.dataset.auditTab = k;
    keys.add(k);
  });
  return [...keys];
})()`

// focusJS reports the focused control's key and whether it shows a
// focus indicator (an outline or a box shadow).
const focusJS = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {Key: "", Styled: true};
  const s = getComputedStyle(e);
  const styled = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  return {Key: e.dataset.auditTab || "", Styled: styled};
})()`

// focusState is what focusJS reports.
type focusState struct {
	Key    string
	Styled bool
}

// tabWalk presses Tab from the top of the page until focus comes round
// again, and fails for every control it never reached or reached without
// a visible focus style.
func tabWalk(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	want := eval[[]string](t, ctx, tabTargetsJS)
	eval[bool](t, ctx, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	seen := map[string]bool{}
	prev := ""
	for range 2*len(want) + 10 { // a date input takes a Tab per part

		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatalf("%s: Tab: %v", name, err)
		}
		f := eval[focusState](t, ctx, focusJS)
		if f.Key == "" || f.Key == prev {
			continue
		}
		if seen[f.Key] {
			break
		}
		prev = f.Key
		seen[f.Key] = true
		if !f.Styled {
			t.Errorf("%s: %s shows no focus style when reached by Tab", name, f.Key)
		}
	}
	missing := slices.DeleteFunc(want, func(k string) bool { return seen[k] })
	if len(missing) > 0 {
		t.Errorf("%s: Tab never reaches %v", name, missing)
	}
}

// shotTarget is where a screenshot goes and its JPEG quality (100: PNG).
type shotTarget struct {
	dir, ext string
	quality  int
}

// savePageShots saves the current page at width as a PNG under
// .ci/artifacts/pages and, with SYNCLOUD_DOCS_SCREENSHOTS=1, a JPEG copy
// for docs/portal (every page at 1440 px, docsPages at both widths).
func savePageShots(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	file := fmt.Sprintf("%s-%d", name, width)
	shots := []shotTarget{{filepath.Join("..", "..", ".ci", "artifacts", "pages"), ".png", 100}}
	if os.Getenv("SYNCLOUD_DOCS_SCREENSHOTS") == "1" && (width == 1440 && !strings.HasSuffix(name, "-rejected") || slices.Contains(docsPages, name)) {
		shots = append(shots, shotTarget{filepath.Join("..", "..", "docs", "portal"), ".jpg", 70})
	}
	for _, s := range shots {
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(s.quality))
		if err != nil {
			t.Fatalf("screenshot %s: %v", file, err)
		}
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(s.dir, file+s.ext), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
