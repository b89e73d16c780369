// Command e2e-loopback is the real node's CNI plugin (CNI spec 1.0: ADD, DEL, CHECK, VERSION). It creates no
// interface: it gives each pod sandbox an address of its own in a loopback range (the network config's "subnet",
// a /16 such as 127.65.0.0/16) and records "address -> network namespace" in the config's "dataDir", where
// e2e-podforward picks it up and forwards the address's ports into the pod's own loopback. So pod traffic never
// leaves 127.0.0.0/8, and the pod IP that Kubernetes publishes is reachable from the host (kubelet probes, the API
// server's pod proxy). Containerd's own loopback plugin (from the CNI base plugins) brings the pod's "lo" up.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"syscall"
)

type netConf struct {
	CNIVersion string `json:"cniVersion"`
	Name       string `json:"name"`
	Subnet     string `json:"subnet"`
	DataDir    string `json:"dataDir"`
}

// lease is what the plugin stores per address, in DATADIR/leases/ADDRESS.
type lease struct {
	ContainerID string `json:"containerID"`
	NetNS       string `json:"netns"`
}

func main() {
	if err := run(os.Getenv("CNI_COMMAND")); err != nil {
		// The CNI spec's error result, on stdout, with a non-zero exit code.
		_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"cniVersion": "1.0.0", "code": 999, "msg": err.Error()})
		os.Exit(1)
	}
}

func run(command string) error {
	if command == "VERSION" {
		return json.NewEncoder(os.Stdout).Encode(map[string]any{
			"cniVersion": "1.0.0", "supportedVersions": []string{"0.4.0", "1.0.0"}})
	}
	raw, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	var conf netConf
	if err := json.Unmarshal(raw, &conf); err != nil {
		return fmt.Errorf("network config: %w", err)
	}
	_, subnet, err := net.ParseCIDR(conf.Subnet)
	if err != nil || !subnet.IP.IsLoopback() {
		return fmt.Errorf("subnet %q is not a loopback CIDR", conf.Subnet)
	}
	dir := filepath.Join(conf.DataDir, "leases")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	unlock, err := lock(conf.DataDir)
	if err != nil {
		return err
	}
	defer unlock()
	id := os.Getenv("CNI_CONTAINERID")
	switch command {
	case "ADD":
		address, err := allocate(dir, subnet, lease{ContainerID: id, NetNS: os.Getenv("CNI_NETNS")})
		if err != nil {
			return err
		}
		// The interface entry only names where the address lives (containerd reads the pod IP from "eth0").
		return json.NewEncoder(os.Stdout).Encode(map[string]any{
			"cniVersion": conf.CNIVersion,
			"interfaces": []map[string]any{{"name": os.Getenv("CNI_IFNAME"), "sandbox": os.Getenv("CNI_NETNS")}},
			"ips":        []map[string]any{{"address": address + "/32", "interface": 0}},
		})
	case "DEL":
		return release(dir, id)
	case "CHECK", "GC", "STATUS":
		return nil
	}
	return fmt.Errorf("unknown CNI_COMMAND %q", command)
}

// allocate returns the address already leased to the container, or leases the first free one of the subnet (the
// caller holds the lock, so checking and then writing is safe).
func allocate(dir string, subnet *net.IPNet, l lease) (string, error) {
	if address, ok := leased(dir, l.ContainerID); ok {
		return address, nil
	}
	base := subnet.IP.To4()
	for i := 2; i < 0xffff; i++ {
		if i&0xff == 0 || i&0xff == 0xff {
			continue
		}
		ip := net.IPv4(base[0], base[1], byte(i>>8), byte(i&0xff)).String()
		if _, err := os.Stat(filepath.Join(dir, ip)); err == nil {
			continue
		}
		data, _ := json.Marshal(l)
		return ip, os.WriteFile(filepath.Join(dir, ip), data, 0o644)
	}
	return "", fmt.Errorf("no free address in %s", subnet)
}

func leased(dir, id string) (string, bool) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		var l lease
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil && json.Unmarshal(data, &l) == nil && l.ContainerID == id {
			return e.Name(), true
		}
	}
	return "", false
}

func release(dir, id string) error {
	if address, ok := leased(dir, id); ok {
		return os.Remove(filepath.Join(dir, address))
	}
	return nil // DEL must succeed when there is nothing to release
}

// lock serializes the plugin's invocations (containerd runs sandboxes' setups concurrently).
func lock(dataDir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dataDir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
