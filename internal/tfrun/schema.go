package tfrun

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
)

// schemaServers are provider processes started once per binary in debug
// (reattach) mode, that `terraform show -json` attaches to: it needs
// nothing from a provider but its schema, and attaching saves each plan a
// provider start and a checksum of the provider's binary (700 MB for
// AWS). They are never configured, so no credentials reach them; the
// plan and apply themselves start their own provider as usual.
type schemaServers struct {
	mu      sync.Mutex
	servers map[string]*schemaServer // by provider binary
}

type schemaServer struct {
	cmd  *exec.Cmd
	info tfexec.ReattachInfo
	err  error
}

// reattachPrefix starts the line a provider in debug mode prints with
// what Terraform needs to attach to it.
const reattachPrefix = "TF_REATTACH_PROVIDERS='"

// attach returns the reattach information of schema servers for every
// provider installed in a run directory, starting those not running yet;
// false when a provider has none (show then starts it itself).
func (s *schemaServers) attach(dir, home string) (tfexec.ReattachInfo, bool) {
	bins, err := filepath.Glob(filepath.Join(dir, dataDir, "providers", "*", "*", "*", "*", "*", "terraform-provider-*"))
	if err != nil || len(bins) == 0 {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	info := tfexec.ReattachInfo{}
	for _, bin := range bins {
		real, err := filepath.EvalSymlinks(bin)
		if err != nil {
			return nil, false
		}
		srv, ok := s.servers[real]
		if !ok {
			srv = startSchemaServer(real, home)
			if s.servers == nil {
				s.servers = map[string]*schemaServer{}
			}
			s.servers[real] = srv
		}
		if srv.err != nil {
			return nil, false
		}
		for addr, c := range srv.info {
			info[addr] = c
		}
	}
	return info, true
}

// forget stops the servers behind info after Terraform could not use
// them; later shows start their provider themselves.
func (s *schemaServers) forget(info tfexec.ReattachInfo) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, srv := range s.servers {
		for addr := range srv.info {
			if _, ok := info[addr]; ok && srv.err == nil {
				srv.stop()
				srv.err = errors.New("terraform could not attach to it")
			}
		}
	}
}

// close stops every schema server.
func (s *schemaServers) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, srv := range s.servers {
		srv.stop()
	}
	s.servers = nil
}

func (srv *schemaServer) stop() {
	if srv.cmd != nil && srv.cmd.Process != nil {
		srv.cmd.Process.Kill()
		srv.cmd.Wait()
		srv.cmd = nil
	}
}

// startSchemaServer starts bin in debug mode and reads where it listens.
func startSchemaServer(bin, home string) *schemaServer {
	cmd := exec.Command(bin, "-debug")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home}
	dieWithParent(cmd)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return &schemaServer{err: err}
	}
	if err := cmd.Start(); err != nil {
		return &schemaServer{err: err}
	}
	srv := &schemaServer{cmd: cmd}
	type result struct {
		info tfexec.ReattachInfo
		err  error
	}
	found := make(chan result, 1)
	go func() {
		info, err := readReattach(out)
		found <- result{info, err}
	}()
	select {
	case r := <-found:
		srv.info, srv.err = r.info, r.err
	case <-time.After(time.Minute):
		srv.err = fmt.Errorf("provider %s printed no reattach information within a minute", bin)
	}
	if srv.err != nil {
		srv.stop()
	}
	return srv
}

// readReattach reads the provider's output up to its reattach line, then
// keeps draining it so that the provider never blocks on a full pipe.
func readReattach(out io.Reader) (tfexec.ReattachInfo, error) {
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		raw, ok := strings.CutPrefix(line, reattachPrefix)
		if !ok {
			continue
		}
		var info tfexec.ReattachInfo
		if err := json.Unmarshal([]byte(strings.TrimSuffix(raw, "'")), &info); err != nil || len(info) == 0 {
			return nil, fmt.Errorf("provider reattach information %q: %v", raw, err)
		}
		go io.Copy(io.Discard, out)
		return info, nil
	}
	return nil, fmt.Errorf("provider exited without reattach information: %v", sc.Err())
}
