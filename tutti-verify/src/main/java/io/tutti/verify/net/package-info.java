/**
 * The network of a {@code tutti verify} run: where nodes listen, and cutting links between them (partitions).
 *
 * <pre>
 *  root namespace (untouched: no address, route or rule is ever added here)
 *   └─ CLI (orchestrator, PID p): cleanLeftovers(); createHub(p); nsenter --net=…/tutti-vp-hub java … verify run
 *
 *  tutti-vp-hub ── harness JVM + clients; forwarding on; lo up
 *   │  n1: 10.213.0.254/32 peer 10.213.0.1   rules: prio 100 from .a to .b blackhole (one per cut direction)
 *   │  n2: 10.213.0.254/32 peer 10.213.0.2
 *   │  n3: …
 *   ├──veth── tutti-vp-n1: eth0 10.213.0.1/32 peer .254; 10.213.0.0/24 via .254; lo up; node 1 JVM
 *   ├──veth── tutti-vp-n2: eth0 10.213.0.2/32 peer .254; …                             node 2 JVM
 *   └──veth── tutti-vp-n3: …
 * </pre>
 *
 * <p><b>Why the harness lives in a hub.</b> Clients must reach every node, but we may not give the root namespace an
 * address. So the CLI creates the hub and relaunches the harness inside it ({@link io.tutti.verify.net.Hub#wrap},
 * env {@code TUTTI_VERIFY_HUB}); {@link io.tutti.verify.net.Network#choose} then builds the node namespaces. The
 * relaunch uses {@code nsenter --net}, not {@code ip netns exec}: the latter adds a slave mount namespace, and node
 * namespaces created in it would be invisible to the CLI's cleanup. Node processes start via {@code ip netns exec
 * <node ns>}, which execs (no fork): the PID we hold is the node's, so SIGKILL and SIGSTOP hit it.
 *
 * <p><b>Why the hub routes, and cuts there.</b> Every node packet crosses the hub as a router (point-to-point /32
 * links, no bridge), so a cut is one pair of policy rules in the hub, {@code from A to B blackhole}. A forwarded
 * packet that meets a blackhole is dropped without ICMP: new connections time out and established ones stall, as in
 * a real partition, and resume (by TCP retransmission) after the rules go. We do not use a blackhole
 * <em>route</em> in the node's own namespace: the sending kernel rejects locally, so {@code connect} fails at once
 * with EINVAL and a send errors instead of vanishing (measured on Linux 6.18). Hub-to-node traffic has source
 * {@code .254} and matches no rule, so clients are never cut. iproute2 only; no nftables.
 *
 * <p><b>Names.</b> {@code tutti-v<pid>[x<seq>]-hub|-n<i>}, {@code pid} the orchestrator's ({@link
 * io.tutti.verify.net.RunId}); veth names ({@code n<i>}, {@code eth0}) live only in the run's namespaces.
 *
 * <p><b>Cleanup, in layers.</b> {@code NamespaceNetwork.close()} heals and deletes node namespaces and veths; {@code
 * Hub.close()} deletes every namespace with the run's prefix; both run from shutdown hooks too (Ctrl-C) and kill any
 * process left inside (a SIGSTOPped node ignores Ctrl-C). If the orchestrator itself dies (SIGKILL), {@code
 * cleanLeftovers()} at the next start removes namespaces whose orchestrator PID is gone.
 *
 * <p><b>Fallback.</b> Not root, or no {@code ip netns}: {@link io.tutti.verify.net.LoopbackNetwork} puts node i on
 * 127.0.k.i (all of 127/8 is local) and cannot partition.
 */
package io.tutti.verify.net;
