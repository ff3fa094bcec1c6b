// Command syncloud is the SynCloud platform: the server, the offline
// generator and the operator commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage: syncloud <command> [flags]

commands:
  serve      run the platform (portal, Playground, API, state backend, run workers)
  generate   turn a prompt into Terraform or CloudFormation, offline
  migrate    apply database migrations
  admin      operator commands (create-user, create-api-key, audit verify)
  version    print the version
  bench      the API load benchmark (make bench-api)
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 1
	}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "generate":
		return runGenerate(ctx, args[1:], stdin, stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdin, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args[1:], stdin, stdout, stderr)
	case "admin":
		return runAdmin(ctx, args[1:], stdin, stdout, stderr)
	case "version":
		return runVersion(ctx, args[1:], stdin, stdout, stderr)
	case "bench":
		return runBench(ctx, args[1:], stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "syncloud: unknown command %q\n\n%s", args[0], usage)
	return 1
}
