// The small programs the end-to-end harness builds from source (e2e/build.sh): the images' programs and the
// basic-auth registry proxy. Standard library only.
module deploycheck.io/e2e

go 1.26.0
