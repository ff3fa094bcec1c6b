#!/usr/bin/env python3
"""Measure how far `syncloud generate` reaches into the long tail of AWS
resource types on the IaC-Eval subset (../shared/benchmarks/iac-eval).

IaC-Eval itself judges with `terraform plan` + OPA Rego against a real
account; neither is available offline here. This script measures what can be
measured honestly without them:
  - answered: generate exited 0 (vs. a refusal or an error),
  - types: every resource type the row's reference answer uses appears in ours,
  - valid: our answers pass one batched `terraform validate` (real provider).

Usage: python3 tools/iaceval.py [CSV] [--bin PATH] [--verbose]
"""
import csv, json, os, re, subprocess, sys, tempfile, shutil

TFRC = """plugin_cache_dir = "{cache}"
provider_installation {{
  filesystem_mirror {{
    path    = "{mirror}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }}
  direct {{
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }}
}}
"""


def main():
    args = sys.argv[1:]
    path = next((a for a in args if a.endswith(".csv")),
                "../shared/benchmarks/iac-eval/iac-eval_subset_difficulty1-2_140rows.csv")
    verbose = "--verbose" in args
    work = tempfile.mkdtemp(prefix="iaceval-")
    try:
        binpath = args[args.index("--bin") + 1] if "--bin" in args else os.path.join(work, "syncloud")
        if "--bin" not in args:
            subprocess.run(["go", "build", "-o", binpath, "./cmd/syncloud"], check=True)
        rows = list(csv.DictReader(open(path, newline="")))
        answered = typed = 0
        mods = []
        root = os.path.join(work, "root")
        os.makedirs(root)
        for i, row in enumerate(rows):
            want = {t.strip() for t in row["Resource"].split(",") if t.strip().startswith("aws_")}
            d = os.path.join(root, f"r{i:03d}")
            p = subprocess.run([binpath, "generate", "--format", "json", "--out", d, "--", row["Prompt"]],
                               capture_output=True, text=True, timeout=30)
            if p.returncode != 0:
                if verbose:
                    print(f"row {i}: refused: {(p.stderr or '').strip()[:160]}")
                continue
            answered += 1
            mods.append(os.path.basename(d))
            doc = json.load(open(os.path.join(d, "main.tf.json")))
            got = set((doc.get("resource") or {}).keys()) | {"data." + k for k in (doc.get("data") or {})}
            missing = {t for t in want if t not in got and "data." + t not in got}
            if not missing:
                typed += 1
            elif verbose:
                print(f"row {i}: missing {sorted(missing)} for: {row['Prompt'][:120]}")
        invalid = validate(root, mods, work, verbose)
        n = len(rows)
        print(f"iac-eval: {answered}/{n} answered, {typed}/{n} with every reference resource type "
              f"({100.0 * typed / n:.1f}%), {len(mods) - invalid}/{len(mods)} answers pass terraform validate")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def validate(root, mods, work, verbose=False):
    mirror = os.environ.get("SYNCLOUD_TF_PLUGIN_MIRROR", "/opt/tf-plugins")
    if not mods or not shutil.which("terraform") or not os.path.isdir(mirror):
        print("note: terraform or the provider mirror missing: validation skipped")
        return 0
    with open(os.path.join(root, "main.tf"), "w") as fh:
        for m in mods:
            fh.write(f'module "{m}" {{\n  source = "./{m}"\n}}\n')
    rc = os.path.join(work, "tfrc")
    cache = os.path.join(work, "cache")
    os.makedirs(cache)
    open(rc, "w").write(TFRC.format(cache=cache, mirror=mirror))
    env = dict(os.environ, TF_CLI_CONFIG_FILE=rc, CHECKPOINT_DISABLE="1")
    subprocess.run(["terraform", "init", "-backend=false", "-input=false"], cwd=root, env=env,
                   capture_output=True, check=True)
    v = subprocess.run(["terraform", "validate", "-json"], cwd=root, env=env, capture_output=True, text=True)
    bad = set()
    for dg in json.loads(v.stdout).get("diagnostics", []):
        if dg.get("severity") == "error":
            fn = (dg.get("range") or {}).get("filename", "")
            bad.add(fn.split("/")[0])
            if verbose:
                print(f"invalid {fn.split('/')[0]}: {dg.get('summary', '')}: {dg.get('detail', '')[:160]}")
    return len(bad)


if __name__ == "__main__":
    main()
