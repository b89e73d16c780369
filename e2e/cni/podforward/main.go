// Command e2e-podforward makes the real node's pod IPs answer on the host. e2e-loopback leases each pod sandbox an
// address in a loopback range and records its network namespace (DATADIR/leases/ADDRESS); this program watches those
// leases and, while a process in the pod listens on a TCP port on the pod's loopback, listens on ADDRESS:PORT on
// the host and forwards each connection into the pod. When nothing listens in the pod, nothing listens on the
// host either, so a kubelet probe sees a real "connection refused", as on a real pod network.
//
// Usage: e2e-podforward -data-dir DIR [-interval 200ms]
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

type lease struct {
	NetNS string `json:"netns"`
}

// forward is one host listener for one pod port.
type forward struct {
	listener net.Listener
	netns    string
}

func main() {
	dataDir := flag.String("data-dir", "", "the e2e-loopback plugin's dataDir")
	interval := flag.Duration("interval", 200*time.Millisecond, "how often leases and pod listeners are read")
	flag.Parse()
	if *dataDir == "" {
		log.Fatal("-data-dir is required")
	}
	forwards := map[string]*forward{} // "address:port"
	for {
		wanted := map[string]string{} // "address:port" -> netns
		entries, _ := os.ReadDir(filepath.Join(*dataDir, "leases"))
		for _, e := range entries {
			var l lease
			data, err := os.ReadFile(filepath.Join(*dataDir, "leases", e.Name()))
			if err != nil || json.Unmarshal(data, &l) != nil || l.NetNS == "" {
				continue
			}
			ports, err := listening(l.NetNS)
			if err != nil {
				continue // the sandbox is being torn down
			}
			for _, port := range ports {
				wanted[net.JoinHostPort(e.Name(), strconv.Itoa(port))] = l.NetNS
			}
		}
		for address, f := range forwards {
			if wanted[address] != f.netns {
				f.listener.Close()
				delete(forwards, address)
			}
		}
		for address, netns := range wanted {
			if forwards[address] != nil {
				continue
			}
			listener, err := net.Listen("tcp", address)
			if err != nil {
				log.Printf("listen %s: %v", address, err)
				continue
			}
			forwards[address] = &forward{listener: listener, netns: netns}
			port := address[strings.LastIndex(address, ":")+1:]
			go serve(listener, netns, port)
		}
		time.Sleep(*interval)
	}
}

func serve(listener net.Listener, netns, port string) {
	for {
		client, err := listener.Accept()
		if err != nil {
			return // closed: the pod stopped listening
		}
		go func() {
			defer client.Close()
			server, err := inNetNS(netns, func() (net.Conn, error) {
				return net.DialTimeout("tcp", "127.0.0.1:"+port, 5*time.Second)
			})
			if err != nil {
				return
			}
			defer server.Close()
			done := make(chan struct{}, 2)
			go func() { io.Copy(server, client); done <- struct{}{} }()
			go func() { io.Copy(client, server); done <- struct{}{} }()
			<-done
		}()
	}
}

// listening reads the TCP ports in LISTEN state inside the network namespace.
func listening(netns string) ([]int, error) {
	return inNetNS(netns, func() ([]int, error) {
		var ports []int
		for _, file := range []string{"/proc/thread-self/net/tcp", "/proc/thread-self/net/tcp6"} {
			f, err := os.Open(file)
			if err != nil {
				return nil, err
			}
			scanner := bufio.NewScanner(f)
			scanner.Scan() // header
			for scanner.Scan() {
				fields := strings.Fields(scanner.Text())
				// sl local_address rem_address st ...; st 0A is LISTEN
				if len(fields) < 4 || fields[3] != "0A" {
					continue
				}
				hexPort := fields[1][strings.LastIndex(fields[1], ":")+1:]
				if port, err := strconv.ParseInt(hexPort, 16, 32); err == nil {
					ports = append(ports, int(port))
				}
			}
			f.Close()
		}
		return ports, nil
	})
}

// inNetNS runs fn on an OS thread that has joined the network namespace at path. Sockets keep the namespace they
// were created in, so a connection dialled there stays in the pod. fn runs in a goroutine of its own: should the
// thread fail to return to the host's namespace, it stays locked and Go ends it with that goroutine.
func inNetNS[T any](path string, fn func() (T, error)) (T, error) {
	type outcome struct {
		value T
		err   error
	}
	done := make(chan outcome, 1)
	go func() {
		var zero T
		runtime.LockOSThread()
		own, err := os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()))
		if err != nil {
			runtime.UnlockOSThread()
			done <- outcome{zero, err}
			return
		}
		defer own.Close()
		target, err := os.Open(path)
		if err != nil {
			runtime.UnlockOSThread()
			done <- outcome{zero, err}
			return
		}
		defer target.Close()
		if err := setns(target); err != nil {
			runtime.UnlockOSThread()
			done <- outcome{zero, err}
			return
		}
		value, fnErr := fn()
		if err := setns(own); err != nil {
			done <- outcome{zero, err}
			return
		}
		runtime.UnlockOSThread()
		done <- outcome{value, fnErr}
	}()
	o := <-done
	return o.value, o.err
}

func setns(f *os.File) error {
	return unix.Setns(int(f.Fd()), unix.CLONE_NEWNET)
}
