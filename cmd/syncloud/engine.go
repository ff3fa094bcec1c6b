package main

import (
	"fmt"
	"os"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/llm"
	"github.com/syncloud/syncloud/internal/lml/rules"
)

// newGenerator returns the LML pipeline: the rules engine, or the LLM engine
// when an endpoint is configured, falling back to rules when the model
// cannot answer.
func newGenerator(cfg llm.Config) (*lml.Generator, error) {
	if cfg.URL == "" {
		return &lml.Generator{Engine: rules.Engine{}}, nil
	}
	e, err := llm.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("configure the LLM engine: %w", err)
	}
	return &lml.Generator{Engine: e, Fallback: rules.Engine{}}, nil
}

// llmConfigFromEnv reads the LLM settings for commands that run without the
// server's full configuration.
func llmConfigFromEnv() llm.Config {
	return llm.Config{
		URL:    os.Getenv("SYNCLOUD_LLM_URL"),
		Model:  os.Getenv("SYNCLOUD_LLM_MODEL"),
		APIKey: os.Getenv("SYNCLOUD_LLM_API_KEY"),
	}
}
