package portal

import "net/http"

// homeView is the landing page's view.
type homeView struct {
	Page Page
}

// homeShow serves GET /: the landing page.
func (p *Portal) homeShow(w http.ResponseWriter, r *http.Request) error {
	p.render(w, http.StatusOK, "home", homeView{Page: p.page(r, "Plain English to AWS infrastructure")})
	return nil
}
