// The cost baseline for `npm run bench`: ns-3 (3.37) moving the same packets over the
// same links as the lab's two headless throughput shapes, counted the same way.
//
//   mobile-ip-cost triangle <seconds>   src/scenarios/builtin/triangle-routing.json
//   mobile-ip-cost large <seconds>      bench/large-scenario.ts (172 nodes, 100 flows)
//
// Prints one line of JSON: packet-hops (every IPv4 datagram a node hands to one of its
// links, sent or forwarded — the lab's `sent` + `forwarded` trace events), their
// octets, ns-3 events, datagrams delivered, and the wall and CPU time of Simulator::Run
// alone (the lab times runUntil alone, bench/run.ts).
//
// What it leaves out: ns-3 has no Mobile IP, so this is a plain IPv4 model — a cost
// baseline for moving the same packets, not a protocol implementation. The home
// agent's interception and the IP-in-IP tunnel (RFC 2003) are UDP relays: the home
// agent owns the home address, receives the correspondent's datagram and sends it to
// the foreign agent 20 octets longer (the inner IP header), and the foreign agent sends
// the original 64 octets on to the mobile node — the same hops with the same sizes,
// though ns-3 passes each relayed datagram up to UDP where the lab forwards it. Agent
// Advertisements (RFC 2002 §2.1: once a second, one hop on the agent's link) and the
// Registration Request/Reply relayed through the foreign agent (RFC 2002 §3) are
// modelled as UDP datagrams of their sizes. Not modelled: authentication, binding
// caches, lifetimes; in the large shape also the Route Optimization messages (Binding
// Warning/Update/Acknowledge, about 1.5% of its hops) and the first datagram of each
// flow, which the lab sends via the home agent before the correspondent has a binding
// (the home agent then sends it one, optim-08 §3.1): here every correspondent tunnels
// straight to the care-of address and follows its mobile node the moment it moves,
// where in the lab the mobile node notices the move only when its agent's advertisement
// lifetime runs out, and the old cell loses what arrives meanwhile (about 1,000 of 6,700
// datagrams in 20 s). Links carry 1 Gb/s with the scenario's delays; ARP caches are
// filled before the run, since the lab has no ARP. The bench prints both hop counts.
//
// Built by bench/ns3-baseline.ts: g++ -O2 -std=c++17 bench/ns3/*.cc -lns3-core -lns3-network
// -lns3-internet -lns3-point-to-point -lns3-csma (Debian's libns3-dev, ns-3.37).

#include "model.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>

using namespace mipcost;

int
main(int argc, char* argv[])
{
    if (argc != 3 || (std::strcmp(argv[1], "triangle") != 0 && std::strcmp(argv[1], "large") != 0))
    {
        std::fprintf(stderr, "usage: %s triangle|large <simulated seconds>\n", argv[0]);
        return 2;
    }
    const double durationS = std::atof(argv[2]);
    NodeContainer all;
    if (std::strcmp(argv[1], "triangle") == 0)
    {
        Triangle(all, durationS);
    }
    else
    {
        Large(all, durationS);
    }
    NeighborCacheHelper().PopulateNeighborCache();
    Simulator::Stop(Seconds(durationS) + NanoSeconds(1)); // the lab's runUntil includes events at the end time
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t cpu0 = std::clock();
    Simulator::Run();
    const double cpuMs = 1000.0 * static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
    const double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("{\"nodes\":%u,\"packetHops\":%llu,\"octets\":%llu,\"events\":%llu,\"delivered\":%llu,\"wallMs\":%.3f,\"cpuMs\":%.3f}\n",
                all.GetN(),
                static_cast<unsigned long long>(g_hops),
                static_cast<unsigned long long>(g_octets),
                static_cast<unsigned long long>(Simulator::GetEventCount()),
                static_cast<unsigned long long>(g_delivered),
                wallMs,
                cpuMs);
    Simulator::Destroy();
    return 0;
}
