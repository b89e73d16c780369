// Command e2e-authproxy puts HTTP basic authentication in front of a registry (crane's registry has none): a request
// without the right credentials gets 401 with a Basic challenge, as a private registry answers; every other request
// goes to the registry behind it unchanged.
//
// Usage: e2e-authproxy -listen 127.0.0.1:PORT -backend http://127.0.0.1:PORT -credentials FILE (one line user:password)
package main

import (
	"crypto/subtle"
	"flag"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
)

func main() {
	listen := flag.String("listen", "", "address to listen on")
	backend := flag.String("backend", "", "URL of the registry behind the proxy")
	credentials := flag.String("credentials", "", "file holding user:password")
	flag.Parse()
	target, err := url.Parse(*backend)
	if err != nil || *listen == "" || *credentials == "" {
		log.Fatal("usage: e2e-authproxy -listen ADDR -backend URL -credentials FILE")
	}
	data, err := os.ReadFile(*credentials)
	if err != nil {
		log.Fatal(err)
	}
	wantUser, wantPassword, ok := strings.Cut(strings.TrimSpace(string(data)), ":")
	if !ok {
		log.Fatalf("%s: expected user:password", *credentials)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	log.Fatal(http.ListenAndServe(*listen, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, password, ok := r.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(user), []byte(wantUser)) != 1 ||
			subtle.ConstantTimeCompare([]byte(password), []byte(wantPassword)) != 1 {
			log.Printf("401 %s %s (credentials given: %t)", r.Method, r.URL.Path, ok)
			w.Header().Set("WWW-Authenticate", `Basic realm="deploycheck-e2e"`)
			w.Header().Set("Docker-Distribution-API-Version", "registry/2.0")
			http.Error(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`,
				http.StatusUnauthorized)
			return
		}
		proxy.ServeHTTP(w, r)
	})))
}
