// The triangle-routing shape for the ns-3 cost baseline (bench/ns3/mobile-ip-cost.cc).

#include "model.h"

namespace mipcost
{

// src/scenarios/builtin/triangle-routing.json: MN away in FA1's cell, CN → home address
// every 500 ms from 2 s (the home agent tunnels each to FA1), MN → CN every 500 ms from
// 2.25 s, both until 2 s before the end; the mobile node echoes what it receives.
void
Triangle(NodeContainer& all, double durationS)
{
    const uint32_t ha = AddHost(all), r = AddHost(all), fa1 = AddHost(all), fa2 = AddHost(all), cn = AddHost(all), mn = AddHost(all);
    InternetStackHelper stack;
    Ipv4StaticRoutingHelper staticRouting;
    stack.SetRoutingHelper(staticRouting);
    stack.Install(all);

    NetDeviceContainer home = Segment({ha}, 1), cell1 = Segment({fa1, mn}, 1), cell2 = Segment({fa2}, 1);
    NetDeviceContainer haR = PointToPoint(ha, r, 8), fa1R = PointToPoint(fa1, r, 3), fa2R = PointToPoint(fa2, r, 3);
    NetDeviceContainer lan = Segment({r, cn}, 2);
    Address(home.Get(0), "10.1.0.1", "255.255.255.0");
    Address(home.Get(0), "10.1.0.10", "255.255.255.0"); // the home agent intercepts for the home address
    Address(cell1.Get(0), "192.168.2.1", "255.255.255.0");
    Address(cell1.Get(1), "10.1.0.10", "255.255.255.255");
    Address(cell2.Get(0), "192.168.3.1", "255.255.255.0");
    Address(haR.Get(0), "10.0.1.2", "255.255.255.252");
    Address(haR.Get(1), "10.0.1.1", "255.255.255.252");
    const uint32_t fa1Up = Address(fa1R.Get(0), "10.0.2.2", "255.255.255.252");
    Address(fa1R.Get(1), "10.0.2.1", "255.255.255.252");
    Address(fa2R.Get(0), "10.0.3.2", "255.255.255.252");
    Address(fa2R.Get(1), "10.0.3.1", "255.255.255.252");
    Address(lan.Get(0), "198.51.100.1", "255.255.255.0");
    Address(lan.Get(1), "198.51.100.5", "255.255.255.0");

    Routes(r)->AddNetworkRouteTo("10.1.0.0", "255.255.255.0", "10.0.1.2", N(r)->GetObject<Ipv4>()->GetInterfaceForDevice(haR.Get(1)));
    Routes(ha)->SetDefaultRoute("10.0.1.1", N(ha)->GetObject<Ipv4>()->GetInterfaceForDevice(haR.Get(0)));
    Routes(fa1)->SetDefaultRoute("10.0.2.1", fa1Up);
    Routes(fa1)->AddHostRouteTo("10.1.0.10", N(fa1)->GetObject<Ipv4>()->GetInterfaceForDevice(cell1.Get(0)));
    Routes(fa2)->SetDefaultRoute("10.0.3.1", N(fa2)->GetObject<Ipv4>()->GetInterfaceForDevice(fa2R.Get(0)));
    Routes(cn)->SetDefaultRoute("198.51.100.1", N(cn)->GetObject<Ipv4>()->GetInterfaceForDevice(lan.Get(1)));
    Routes(mn)->SetDefaultRoute("192.168.2.1", N(mn)->GetObject<Ipv4>()->GetInterfaceForDevice(cell1.Get(1)));

    g.haHost = ha;
    g.homeAgent = Ipv4Address("10.1.0.1");
    g.faHost = {fa1};
    g.faTunnel = {Ipv4Address("10.0.2.2")};
    g.faCell = {Ipv4Address("192.168.2.1")};
    g.mnHost = {mn};
    g.mnHome = {Ipv4Address("10.1.0.10")};
    g.mnCareOf = {0};
    g.mnInterface = {0};
    g.cnHost = {cn};
    g.cnAddress = {Ipv4Address("198.51.100.5")};
    OpenSockets();
    AddMnInterface(mn, cell1.Get(1));

    HostOnly(cn);
    HostOnly(mn);
    Advertise(home.Get(0), durationS);
    Advertise(cell1.Get(0), durationS);
    Advertise(cell2.Get(0), durationS);
    Simulator::Schedule(MilliSeconds(10), &Register, 0);
    Flow(2, 0.5, durationS - 2, &CorrespondentSends, 0, 0);
    Flow(2.25, 0.5, durationS - 2, &MnFlowSend, 0, 0);
}

} // namespace mipcost
