#!/usr/bin/env bash
# Writes openapi.yaml into Sources/HTTP/OpenAPIDocument.swift, so that the binary serves it with no
# resource bundle to ship. OpenAPIDocumentTests fails when the two differ: run this after editing
# openapi.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
{
    echo '// Generated from openapi.yaml by scripts/embed-openapi.sh; do not edit.'
    echo ''
    echo '/// The OpenAPI document of the API (openapi.yaml at the repository root), served at'
    echo '/// `GET /openapi.yaml`.'
    echo 'public enum OpenAPIDocument {'
    echo '    public static let yaml = #"""'
    cat openapi.yaml
    echo ''
    echo '"""#'
    echo '}'
} > Sources/HTTP/OpenAPIDocument.swift
