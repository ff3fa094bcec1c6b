// Package llm is the optional engine that asks a language model for the
// spec. It speaks the OpenAI-compatible /v1/chat/completions protocol (Ollama,
// vLLM, OpenAI, Bedrock gateways) and asks for the stack as JSON under a JSON
// schema, never for Terraform text.
//
// Invariants a reader must know:
//
//   - The model's answer is only ever decoded into a spec.Stack; it then goes
//     through the same validation, policy and provider-schema check as the
//     rules engine's (lml.Generator). A type or argument the model invents
//     fails that check and never reaches the user.
//   - Provider configuration is not part of a spec, so a model cannot set
//     endpoints, credentials or profiles however it answers.
//   - Timeouts, HTTP errors and malformed answers are errors that name the
//     cause; lml.Generator falls back to the rules engine when configured.
//   - Prompts leave the process only for the configured endpoint, and the
//     API key is sent only as its bearer token, never logged.
package llm
