// The large shape for the ns-3 cost baseline (bench/ns3/mobile-ip-cost.cc).

#include "model.h"

namespace mipcost
{

// bench/large-scenario.ts: the home agent ═ R ═ 4 access segments of 5 foreign agents,
// each with its radio cell; 10 correspondent LANs of 10. Mobile node k starts in cell
// k mod 20 and moves to the next at 5 + 10k/50 s (so it has an interface in both
// cells); correspondent c sends to mobile node c mod 50 every 250 ms from
// 2 + (c mod 10)/10 s until 1 s before the end, tunnelled to the care-of address.
void
Large(NodeContainer& all, double durationS)
{
    constexpr uint32_t FAS = 20, MNS = 50, CNS = 100, PER_SEGMENT = 5, PER_LAN = 10;
    const uint32_t ha = AddHost(all), r = AddHost(all);
    for (uint32_t i = 0; i < FAS; i++)
    {
        g.faHost.push_back(AddHost(all));
    }
    for (uint32_t k = 0; k < MNS; k++)
    {
        g.mnHost.push_back(AddHost(all));
    }
    for (uint32_t c = 0; c < CNS; c++)
    {
        g.cnHost.push_back(AddHost(all));
    }
    InternetStackHelper stack;
    Ipv4StaticRoutingHelper staticRouting;
    stack.SetRoutingHelper(staticRouting);
    stack.Install(all);
    auto iface = [](uint32_t host, Ptr<NetDevice> d) { return N(host)->GetObject<Ipv4>()->GetInterfaceForDevice(d); };
    auto dotted = [](int a, int b, int c, int d) { return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." + std::to_string(d); };

    NetDeviceContainer home = Segment({ha}, 1), haR = PointToPoint(ha, r, 8);
    Address(home.Get(0), "10.1.0.1", "255.255.255.0");
    Address(haR.Get(0), "10.0.0.2", "255.255.255.252");
    Address(haR.Get(1), "10.0.0.1", "255.255.255.252");
    Routes(ha)->SetDefaultRoute("10.0.0.1", iface(ha, haR.Get(0)));
    Routes(r)->AddNetworkRouteTo("10.1.0.0", "255.255.255.0", "10.0.0.2", iface(r, haR.Get(1)));
    g.haHost = ha;
    g.homeAgent = Ipv4Address("10.1.0.1");

    for (uint32_t s = 0; s < FAS / PER_SEGMENT; s++)
    {
        std::vector<uint32_t> members{r};
        for (uint32_t i = s * PER_SEGMENT; i < (s + 1) * PER_SEGMENT; i++)
        {
            members.push_back(g.faHost[i]);
        }
        NetDeviceContainer access = Segment(members, 3);
        Address(access.Get(0), dotted(10, 2, s + 1, 1), "255.255.255.0");
        for (uint32_t j = 1; j < members.size(); j++)
        {
            const uint32_t i = s * PER_SEGMENT + j - 1;
            const std::string address = dotted(10, 2, s + 1, 10 + i);
            Address(access.Get(j), address, "255.255.255.0");
            Routes(g.faHost[i])->SetDefaultRoute(dotted(10, 2, s + 1, 1).c_str(), iface(g.faHost[i], access.Get(j)));
            g.faTunnel.push_back(Ipv4Address(address.c_str()));
        }
    }
    g.mnCareOf.resize(MNS);
    g.mnInterface.assign(MNS, 0);
    for (uint32_t k = 0; k < MNS; k++)
    {
        g.mnHome.push_back(Ipv4Address(dotted(10, 1, 0, 10 + k).c_str()));
        g.mnCareOf[k] = k % FAS;
    }
    std::vector<std::vector<Ptr<NetDevice>>> mnDevice(MNS);
    for (uint32_t i = 0; i < FAS; i++)
    {
        std::vector<uint32_t> visitors; // starting here, then arriving here
        for (uint32_t k = 0; k < MNS; k++)
        {
            if (k % FAS == i)
            {
                visitors.push_back(k);
            }
        }
        for (uint32_t k = 0; k < MNS; k++)
        {
            if ((k % FAS + 1) % FAS == i)
            {
                visitors.push_back(k);
            }
        }
        std::vector<uint32_t> members{g.faHost[i]};
        for (uint32_t k : visitors)
        {
            members.push_back(g.mnHost[k]);
        }
        NetDeviceContainer cell = Segment(members, 1);
        const std::string faCell = dotted(192, 168, i + 1, 1);
        const uint32_t faIf = Address(cell.Get(0), faCell, "255.255.255.0");
        g.faCell.push_back(Ipv4Address(faCell.c_str()));
        for (uint32_t j = 0; j < visitors.size(); j++)
        {
            const uint32_t k = visitors[j];
            Ptr<NetDevice> d = cell.Get(j + 1);
            const uint32_t mnIf = Address(d, dotted(10, 1, 0, 10 + k), "255.255.255.255");
            Routes(g.mnHost[k])->AddNetworkRouteTo("0.0.0.0", "0.0.0.0", faCell.c_str(), mnIf);
            Routes(g.faHost[i])->AddHostRouteTo(g.mnHome[k], faIf);
            mnDevice[k].push_back(d);
        }
    }
    for (uint32_t j = 0; j < CNS / PER_LAN; j++)
    {
        std::vector<uint32_t> members{r};
        for (uint32_t c = j * PER_LAN; c < (j + 1) * PER_LAN; c++)
        {
            members.push_back(g.cnHost[c]);
        }
        NetDeviceContainer lan = Segment(members, 2);
        Address(lan.Get(0), dotted(172, 16, j + 1, 1), "255.255.255.0");
        for (uint32_t m = 1; m < members.size(); m++)
        {
            const uint32_t c = j * PER_LAN + m - 1;
            const std::string address = dotted(172, 16, j + 1, 10 + c % PER_LAN);
            Address(lan.Get(m), address, "255.255.255.0");
            Routes(g.cnHost[c])->SetDefaultRoute(dotted(172, 16, j + 1, 1).c_str(), iface(g.cnHost[c], lan.Get(m)));
            g.cnAddress.push_back(Ipv4Address(address.c_str()));
        }
    }
    g.tunnelFromCorrespondent = true;
    OpenSockets();
    // The first interface the mobile node got is in its starting cell (cells are built in order, and
    // cell k mod 20 comes before the next one except for the last cell's movers: sort that out here).
    for (uint32_t k = 0; k < MNS; k++)
    {
        const bool wrapped = k % FAS == FAS - 1;
        AddMnInterface(g.mnHost[k], mnDevice[k][wrapped ? 1 : 0]);
        AddMnInterface(g.mnHost[k], mnDevice[k][wrapped ? 0 : 1]);
        HostOnly(g.mnHost[k]);
        Simulator::Schedule(MilliSeconds(10), &Register, k);
        Simulator::Schedule(Seconds(5 + 10.0 * k / MNS), &Move, k, (k % FAS + 1) % FAS, 1);
    }
    Advertise(home.Get(0), durationS);
    for (uint32_t i = 0; i < FAS; i++)
    {
        Advertise(N(g.faHost[i])->GetDevice(N(g.faHost[i])->GetNDevices() - 1), durationS);
    }
    for (uint32_t c = 0; c < CNS; c++)
    {
        HostOnly(g.cnHost[c]);
        Flow(2 + (c % 10) / 10.0, 0.25, durationS - 1, &CorrespondentSends, c, c % MNS);
    }
}

} // namespace mipcost
