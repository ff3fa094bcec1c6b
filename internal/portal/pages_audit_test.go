package portal

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// auditWidths are the widths every page is checked and photographed at.
var auditWidths = []int64{390, 1440}

// docsPages also get a 390 px copy in docs/portal, and the one rejected
// form the docs show.
var docsPages = []string{"home", "playground", "runs-id", "signup-rejected"}

// auditPage opens a page and checks it at both widths.
func auditPage(t *testing.T, ctx context.Context, name, u string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(u))
	if err != nil {
		t.Fatalf("%s: navigate: %v", name, err)
	}
	auditResponse(t, ctx, name, resp, http.StatusOK)
}

// auditResponse checks the page a response loaded: its status and
// security headers, then the layout and controls at both widths, and Tab.
func auditResponse(t *testing.T, ctx context.Context, name string, resp *network.Response, status int64) {
	t.Helper()
	if resp.Status != status {
		t.Errorf("%s: status %d, want %d", name, resp.Status, status)
	}
	for _, p := range headerProblems(responseHeader(resp.Headers)) {
		t.Errorf("%s: %s", name, p)
	}
	for _, width := range auditWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatalf("viewport %d: %v", width, err)
		}
		a := eval[layoutAudit](t, ctx, layoutJS)
		if a.ScrollWidth > a.InnerWidth {
			t.Errorf("%s scrolls sideways at %d px (%d > %d); past the right edge: %v", name, width, a.ScrollWidth, a.InnerWidth, a.Wide)
		}
		if len(a.Unnamed) > 0 {
			t.Errorf("%s at %d px: controls without an accessible name: %v", name, width, a.Unnamed)
		}
		if len(a.Untabbable) > 0 {
			t.Errorf("%s at %d px: controls taken out of the Tab order: %v", name, width, a.Untabbable)
		}
		if len(a.DupIDs) > 0 || len(a.Orphans) > 0 {
			t.Errorf("%s at %d px: duplicate ids %v, labels or ARIA references to nothing %v", name, width, a.DupIDs, a.Orphans)
		}
		savePageShots(t, ctx, name, width)
	}
	tabWalk(t, ctx, name)
}

// layoutAudit is what layoutJS measures on a page.
type layoutAudit struct {
	ScrollWidth, InnerWidth int64
	Wide, Unnamed           []string
	Untabbable              []string
	DupIDs, Orphans         []string
}

// layoutJS measures horizontal scrolling and lists visible controls
// without an accessible name (a label, aria-label or aria-labelledby),
// interactive elements with a negative tabindex, duplicate ids, and
// labels or aria-describedby/labelledby pointing at nothing.
const layoutJS = `(() => {
  const desc = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.name ? "[name=" + e.name + "]" : "");
  const visible = e => e.checkVisibility({visibilityProperty: true});
  const controls = [...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(visible);
  const named = e => e.labels.length > 0 || (e.getAttribute("aria-label") || "").trim() !== "" || e.hasAttribute("aria-labelledby");
  const interactive = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")].filter(visible);
  return {
    ScrollWidth: document.scrollingElement.scrollWidth, InnerWidth: window.innerWidth,
    Wide: [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(desc),
    Unnamed: controls.filter(e => !named(e)).map(desc),
    Untabbable: interactive.filter(e => e.tabIndex < 0 && !e.disabled).map(desc),
    DupIDs: [...document.querySelectorAll("[id]")].map(e => e.id).filter((id, i, all) => all.indexOf(id) !== i),
    Orphans: [...document.querySelectorAll("label[for]")].filter(l => !l.control).map(l => l.htmlFor).concat(
      [...document.querySelectorAll("[aria-describedby], [aria-labelledby]")].flatMap(e =>
        ((e.getAttribute("aria-describedby") || "") + " " + (e.getAttribute("aria-labelledby") || "")).split(/\s+/)
          .filter(id => id && !document.getElementById(id)).map(id => desc(e) + " -> #" + id))),
  };
})()`

// fillJS fills the form holding the control with id field with vals (a
// JSON object of name to values), leaving hidden inputs as the page set
// them, turns the browser's own validation off so the server answers,
// and marks the form for submitting.
const fillJS = `((field, vals) => {
  const f = document.getElementById(field).form;
  for (const [name, vs] of Object.entries(vals)) {
    const el = f.elements[name];
    for (const e of (el instanceof RadioNodeList ? [...el] : el ? [el] : [])) {
      if (e.type === "radio" || e.type === "checkbox") e.checked = vs.includes(e.value);
      else if (e.type !== "hidden") e.value = vs[0];
    }
  }
  f.noValidate = true;
  f.dataset.auditSubmit = "yes";
  return true;
})`

// auditRejections submits each form case in the browser and audits the
// page that comes back like any other, and checks its error is visible
// and its field marked invalid. Screenshots are <case>-rejected-<width>.
func auditRejections(t *testing.T, ctx context.Context, base string, cases []formCase) {
	t.Helper()
	for _, tc := range cases {
		name := strings.ReplaceAll(tc.name, " ", "-") + "-rejected"
		vals, err := json.Marshal(tc.form)
		if err != nil {
			t.Fatal(err)
		}
		do(t, ctx, name, chromedp.Navigate(base+tc.page))
		eval[bool](t, ctx, fillJS+"("+strconv.Quote(tc.field)+", "+string(vals)+")")
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[data-audit-submit] button[type=submit]`)))
		if err != nil {
			t.Fatalf("%s: submit: %v", name, err)
		}
		shown := eval[bool](t, ctx, `(() => { const e = document.getElementById(`+strconv.Quote(tc.errorID)+`);
			return !!e && e.checkVisibility() && document.getElementById(`+strconv.Quote(tc.field)+`).getAttribute("aria-invalid") === "true"; })()`)
		if !shown {
			t.Errorf("%s: the error %s is not shown at the invalid field %s", name, tc.errorID, tc.field)
		}
		auditResponse(t, ctx, name, resp, int64(tc.status))
	}
}
