// The small programs the end-to-end harness builds from source (e2e/build.sh): the images' programs, the real
// node's loopback CNI plugin and pod port forwarder, and the basic-auth registry proxy. Standard library and golang.org/x/sys.
module deploycheck.io/e2e

go 1.26.0

require golang.org/x/sys v0.49.0
