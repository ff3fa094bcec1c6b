package awsconn_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// stsStandIn is a local stand-in for the STS Query API's AssumeRole: it
// finds the caller's account from the SigV4 access key, and evaluates the
// role's trust policy as IAM does — an Allow statement must name the
// caller's account as principal, allow sts:AssumeRole, and every condition
// must hold; StringEquals on a key absent from the request is false.
type stsStandIn struct {
	accounts map[string]string // access key ID -> account ID
	roles    map[string]string // role ARN -> trust policy JSON

	mu       sync.Mutex
	requests []assumeRequest
}

type assumeRequest struct {
	RoleArn, RoleSessionName, ExternalID string
	HasExternalID                        bool
	DurationSeconds                      int
}

type policy struct {
	Statement []struct {
		Effect    string
		Principal struct{ AWS stringList }
		Action    stringList
		Condition map[string]map[string]stringList
	}
}

// stringList is IAM's "one string or a list of strings".
type stringList []string

func (s *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(s))
}

var credentialRe = regexp.MustCompile(`Credential=([A-Z0-9]+)/`)

func (s *stsStandIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("Action") != "AssumeRole" {
		stsError(w, http.StatusBadRequest, "InvalidAction", "only AssumeRole is served")
		return
	}
	m := credentialRe.FindStringSubmatch(r.Header.Get("Authorization"))
	account, ok := "", len(m) == 2
	if ok {
		account, ok = s.accounts[m[1]]
	}
	if !ok {
		stsError(w, http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid.")
		return
	}
	req := assumeRequest{RoleArn: r.PostForm.Get("RoleArn"), RoleSessionName: r.PostForm.Get("RoleSessionName"),
		ExternalID: r.PostForm.Get("ExternalId"), HasExternalID: r.PostForm.Has("ExternalId")}
	req.DurationSeconds, _ = strconv.Atoi(r.PostForm.Get("DurationSeconds"))
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	if req.DurationSeconds > 3600 {
		stsError(w, http.StatusBadRequest, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
		return
	}
	if !s.allowed(account, req) {
		stsError(w, http.StatusForbidden, "AccessDenied", fmt.Sprintf("User: arn:aws:iam::%s:root is not authorized to perform: sts:AssumeRole on resource: %s", account, req.RoleArn))
		return
	}
	writeCredentials(w, req)
}

func (s *stsStandIn) allowed(account string, req assumeRequest) bool {
	doc, ok := s.roles[req.RoleArn]
	if !ok {
		return false
	}
	var p policy
	if json.Unmarshal([]byte(doc), &p) != nil {
		return false
	}
	for _, st := range p.Statement {
		if st.Effect == "Allow" && contains(st.Principal.AWS, "arn:aws:iam::"+account+":root") &&
			contains(st.Action, "sts:AssumeRole") && conditionsHold(st.Condition, req) {
			return true
		}
	}
	return false
}

func conditionsHold(cond map[string]map[string]stringList, req assumeRequest) bool {
	for op, keys := range cond {
		for key, values := range keys {
			if op != "StringEquals" || key != "sts:ExternalId" {
				return false // an operator this stand-in does not know never holds
			}
			if !req.HasExternalID || !contains(values, req.ExternalID) {
				return false
			}
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func stsError(w http.ResponseWriter, status int, code, msg string) {
	type errorBody struct {
		XMLName xml.Name `xml:"https://sts.amazonaws.com/doc/2011-06-15/ ErrorResponse"`
		Type    string   `xml:"Error>Type"`
		Code    string   `xml:"Error>Code"`
		Message string   `xml:"Error>Message"`
		ReqID   string   `xml:"RequestId"`
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	xml.NewEncoder(w).Encode(errorBody{Type: "Sender", Code: code, Message: msg, ReqID: "standin"})
}

func writeCredentials(w http.ResponseWriter, req assumeRequest) {
	type result struct {
		XMLName      xml.Name `xml:"https://sts.amazonaws.com/doc/2011-06-15/ AssumeRoleResponse"`
		AccessKeyID  string   `xml:"AssumeRoleResult>Credentials>AccessKeyId"`
		Secret       string   `xml:"AssumeRoleResult>Credentials>SecretAccessKey"`
		SessionToken string   `xml:"AssumeRoleResult>Credentials>SessionToken"`
		Expiration   string   `xml:"AssumeRoleResult>Credentials>Expiration"`
		Arn          string   `xml:"AssumeRoleResult>AssumedRoleUser>Arn"`
		RoleID       string   `xml:"AssumeRoleResult>AssumedRoleUser>AssumedRoleId"`
		ReqID        string   `xml:"ResponseMetadata>RequestId"`
	}
	exp := time.Now().Add(time.Duration(req.DurationSeconds) * time.Second).UTC().Format(time.RFC3339)
	w.Header().Set("Content-Type", "text/xml")
	xml.NewEncoder(w).Encode(result{AccessKeyID: "ASIASESSION" + req.RoleSessionName, Secret: "session-secret",
		SessionToken: "session-token", Expiration: exp, Arn: req.RoleArn + "/" + req.RoleSessionName,
		RoleID: "AROASTANDIN:" + req.RoleSessionName, ReqID: "standin"})
}

func newSTSStandIn(t *testing.T, roles map[string]string) (*stsStandIn, string) {
	s := &stsStandIn{accounts: map[string]string{platformKey: "111111111111"}, roles: roles}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL
}
