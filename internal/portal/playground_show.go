package portal

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/policy"
)

// playgroundExamples are the prompts offered as starting points.
var playgroundExamples = []string{
	"a VPC with a DynamoDB table and an S3 bucket",
	"a private S3 bucket for logs with versioning",
	"a Lambda function triggered by an SQS queue",
	"a PostgreSQL database in a private subnet",
}

// generatedFile is one file of the generated code, with the id its copy
// and download buttons refer to.
type generatedFile struct {
	ID, Name, Content string
	// HTML is Content marked up for syntax colouring (highlight).
	HTML template.HTML
}

// playgroundView is the playground's view: the form (kept on every
// answer) and, after a generation, the code and its explanation.
type playgroundView struct {
	Page     Page
	Prompt   string
	Format   string
	Region   string
	Examples []string
	Formats  []formatChoice
	// Error is the reason nothing was generated; RegionError is set
	// when the region was the problem.
	Error       string
	RegionError string
	// Generated is set once code was generated.
	Generated   bool
	Files       []generatedFile
	Engine      string
	Resources   []string
	Understood  []string
	Assumptions []lml.Assumption
	Unplaced    []string
	Findings    []policy.Finding
	SHA256      string
	// Target is where Plan asks: the chosen workspace and the new
	// workspace's fields; set when the server has runs.
	Target *playgroundTarget
}

// formatChoice is one output format radio button.
type formatChoice struct {
	Value, Label string
	Checked      bool
}

// playgroundShow serves GET /playground: the empty form, with the
// workspace of ?workspace= chosen for follow-up prompts.
func (p *Portal) playgroundShow(w http.ResponseWriter, r *http.Request) error {
	v := newPlaygroundView(p.page(r, "Playground"), "", "hcl", "")
	ws, _ := strconv.ParseInt(r.URL.Query().Get("workspace"), 10, 64)
	var err error
	if v.Target, err = p.playgroundTarget(r, targetForm{Workspace: ws, New: workspaceForm{Mode: "platform"}}); err != nil {
		return err
	}
	p.render(w, http.StatusOK, "playground", v)
	return nil
}

func newPlaygroundView(pg Page, prompt, format, region string) playgroundView {
	v := playgroundView{Page: pg, Prompt: prompt, Format: format, Region: region, Examples: playgroundExamples}
	for _, f := range [][2]string{{"hcl", "Terraform (HCL)"}, {"json", "Terraform (JSON)"}, {"cfn", "CloudFormation"}} {
		v.Formats = append(v.Formats, formatChoice{Value: f[0], Label: f[1], Checked: f[0] == format})
	}
	return v
}
