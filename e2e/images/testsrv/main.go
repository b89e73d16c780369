// Command testsrv is the end-to-end tests' model server: a KServe runtime's container that serves /health like the
// guide's FastAPI server, and fails on demand. It accepts the sklearn runtime's arguments (--model_name=...,
// --model_dir=..., --http_port=...) and takes its behaviour from the environment, which an InferenceService sets:
//
//	TESTSRV_LISTEN_AFTER  a duration to wait before listening (a slow model load; startup probes)
//	TESTSRV_MODEL_LOADED  "false": /health answers 503 {"model_loaded": false} (a readiness probe fails)
//	TESTSRV_ALLOC_MB      megabytes to allocate and touch at start (an OOM kill under a smaller memory limit)
//	TESTSRV_EXIT_CODE     exit with this code (after TESTSRV_EXIT_AFTER, default at once): a crash loop
//
// The image holds this program only: no shell, no curl.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	log.SetFlags(0)
	port, model := "8080", "model"
	for _, arg := range os.Args[1:] {
		if v, ok := strings.CutPrefix(arg, "--http_port="); ok {
			port = v
		}
		if v, ok := strings.CutPrefix(arg, "--model_name="); ok {
			model = v
		}
	}
	if mb := envInt("TESTSRV_ALLOC_MB", 0); mb > 0 {
		allocate(mb)
	}
	if code := envInt("TESTSRV_EXIT_CODE", -1); code >= 0 {
		time.Sleep(envDuration("TESTSRV_EXIT_AFTER"))
		log.Printf("testsrv: exiting with code %d (TESTSRV_EXIT_CODE)", code)
		os.Exit(code)
	}
	if d := envDuration("TESTSRV_LISTEN_AFTER"); d > 0 {
		log.Printf("testsrv: loading model %s for %s", model, d)
		time.Sleep(d)
	}
	loaded := os.Getenv("TESTSRV_MODEL_LOADED") != "false"
	mux := http.NewServeMux()
	health := func(w http.ResponseWriter, r *http.Request) {
		status, body := http.StatusOK, map[string]any{"status": "healthy", "model_loaded": true}
		if !loaded {
			status, body = http.StatusServiceUnavailable, map[string]any{"status": "loading", "model_loaded": false}
		}
		reply(w, r, status, body)
	}
	mux.HandleFunc("/health", health)
	mux.HandleFunc("/v2/health/ready", health)
	mux.HandleFunc("/v1/models/", func(w http.ResponseWriter, r *http.Request) {
		reply(w, r, http.StatusOK, map[string]any{"name": model, "ready": loaded})
	})
	// Any other path: what the guide's FastAPI server answers there.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		reply(w, r, http.StatusNotFound, map[string]any{"detail": "Not Found"})
	})
	log.Printf("testsrv: serving model %s on :%s", model, port)
	log.Fatal(http.ListenAndServe(":"+port, mux))
}

// reply writes a JSON body and an access log line in the form uvicorn prints (the guide's pod log).
func reply(w http.ResponseWriter, r *http.Request, status int, body map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
	log.Printf("%s - \"%s %s %s\" %d %s", r.RemoteAddr, r.Method, r.URL.Path, r.Proto, status, http.StatusText(status))
}

// allocate keeps mb megabytes alive, touching every page so the memory is really charged to the container.
func allocate(mb int) {
	log.Printf("testsrv: allocating %d MiB", mb)
	chunks := make([][]byte, 0, mb)
	for i := 0; i < mb; i++ {
		chunk := make([]byte, 1<<20)
		for j := 0; j < len(chunk); j += 4096 {
			chunk[j] = 1
		}
		chunks = append(chunks, chunk)
	}
	keep = chunks
}

var keep [][]byte

func envInt(name string, fallback int) int {
	v, err := strconv.Atoi(os.Getenv(name))
	if err != nil {
		return fallback
	}
	return v
}

func envDuration(name string) time.Duration {
	d, err := time.ParseDuration(os.Getenv(name))
	if err != nil && os.Getenv(name) != "" {
		fmt.Fprintf(os.Stderr, "testsrv: %s: %v\n", name, err)
		os.Exit(2)
	}
	return d
}
