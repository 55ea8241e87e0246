// The parts of the ns-3 cost baseline both shapes share (bench/ns3/mobile-ip-cost.cc says
// what the model is and what it leaves out): the hop counter, the datagrams and the
// relays standing in for the home agent's and foreign agent's Mobile IP work, links,
// addresses and traffic schedules.

#pragma once

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <map>
#include <string>
#include <vector>

namespace mipcost
{

using namespace ns3;

// What a datagram is, in its first payload octet; then the mobile node's and the correspondent's index.
enum Kind : uint8_t
{
    DATA = 1,        // correspondent → home address (triangle) / foreign agent → mobile node
    TUNNEL = 2,      // home agent or correspondent → foreign agent, 20 octets longer
    ECHO = 3,        // mobile node → correspondent, the echo of a DATA
    MN_FLOW = 4,     // mobile node → correspondent (triangle's second flow)
    REG_REQUEST = 5, // mobile node → foreign agent → home agent
    REG_REPLY = 6,   // home agent → foreign agent → mobile node
    ADVERTISEMENT = 7,
};

inline constexpr uint16_t PORT = 7;
inline constexpr uint32_t PAYLOAD = 64;
inline constexpr uint32_t IP_IN_IP = 20;
// UDP payloads giving the lab's IP datagram sizes: Agent Advertisement 48 octets,
// Registration Request 72 (24 + MN-HA authentication 20), Reply 68.
inline constexpr uint32_t ADVERTISEMENT_PAYLOAD = 48 - 28;
inline constexpr uint32_t REQUEST_PAYLOAD = 72 - 28;
inline constexpr uint32_t REPLY_PAYLOAD = 68 - 28;

inline uint64_t g_hops = 0;
inline uint64_t g_octets = 0;
inline uint64_t g_delivered = 0;

struct Host
{
    Ptr<Node> node;
    Ptr<Socket> socket;                     // bound to PORT: receives everything
    std::vector<Ptr<Socket>> viaInterface;  // a mobile node's sending sockets, one per cell it visits
};

struct Model
{
    std::vector<Host> hosts;
    Ipv4Address homeAgent;                  // where foreign agents relay registrations
    std::vector<Ipv4Address> faTunnel;      // a foreign agent's tunnel endpoint
    std::vector<Ipv4Address> faCell;        // a foreign agent's address in its cell
    std::vector<uint32_t> faHost;           // host index of each foreign agent
    std::vector<Ipv4Address> mnHome;        // a mobile node's home address
    std::vector<uint32_t> mnHost;
    std::vector<uint32_t> mnCareOf;         // foreign agent index serving each mobile node now
    std::vector<uint32_t> mnInterface;      // which sending socket the mobile node uses now
    std::vector<Ipv4Address> cnAddress;
    std::vector<uint32_t> cnHost;
    uint32_t haHost = 0;
    bool tunnelFromCorrespondent = false;   // large shape: correspondents hold a binding
    std::map<Ptr<Node>, uint32_t> hostOf;
};

inline Model g;

inline void
CountTx(Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t interface)
{
    if (interface == 0) // the loopback: not a link
    {
        return;
    }
    g_hops++;
    g_octets += packet->GetSize();
}

inline Ptr<Packet>
Datagram(Kind kind, uint32_t size, uint16_t mn, uint16_t cn)
{
    std::vector<uint8_t> bytes(size, 0);
    bytes[0] = kind;
    bytes[1] = mn >> 8;
    bytes[2] = mn & 0xff;
    bytes[3] = cn >> 8;
    bytes[4] = cn & 0xff;
    return Create<Packet>(bytes.data(), size);
}

inline void
Send(Ptr<Socket> socket, Kind kind, uint32_t size, uint16_t mn, uint16_t cn, Ipv4Address to)
{
    socket->SendTo(Datagram(kind, size, mn, cn), 0, InetSocketAddress(to, PORT));
}

inline Ptr<Socket>
MnSocket(uint32_t mn)
{
    return g.hosts[g.mnHost[mn]].viaInterface[g.mnInterface[mn]];
}

inline void
Receive(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        g_delivered++;
        uint8_t head[5];
        packet->CopyData(head, 5);
        const auto kind = static_cast<Kind>(head[0]);
        const uint16_t mn = (head[1] << 8) | head[2];
        const uint16_t cn = (head[3] << 8) | head[4];
        const uint32_t fa = g.mnCareOf[mn];
        switch (kind)
        {
        case DATA:
            if (g.hostOf[socket->GetNode()] == g.haHost) // intercepted at the home address
            {
                Send(socket, TUNNEL, PAYLOAD + IP_IN_IP, mn, cn, g.faTunnel[fa]);
            }
            else // at the mobile node: echo it
            {
                Send(MnSocket(mn), ECHO, PAYLOAD, mn, cn, g.cnAddress[cn]);
            }
            break;
        case TUNNEL: // at the foreign agent: decapsulate, deliver in the cell
            Send(socket, DATA, PAYLOAD, mn, cn, g.mnHome[mn]);
            break;
        case REG_REQUEST:
            if (g.hostOf[socket->GetNode()] != g.haHost)
            {
                Send(socket, REG_REQUEST, REQUEST_PAYLOAD, mn, cn, g.homeAgent);
            }
            else
            {
                Send(socket, REG_REPLY, REPLY_PAYLOAD, mn, cn, g.faTunnel[fa]);
            }
            break;
        case REG_REPLY:
            if (g.hostOf[socket->GetNode()] != g.mnHost[mn])
            {
                Send(socket, REG_REPLY, REPLY_PAYLOAD, mn, cn, g.mnHome[mn]);
            }
            break;
        default: // ECHO, MN_FLOW, ADVERTISEMENT: delivered, nothing more
            break;
        }
    }
}

inline uint32_t
AddHost(NodeContainer& all)
{
    Ptr<Node> node = CreateObject<Node>();
    all.Add(node);
    g.hosts.push_back({node, nullptr, {}});
    g.hostOf[node] = g.hosts.size() - 1;
    return g.hosts.size() - 1;
}

inline Ptr<Node>
N(uint32_t host)
{
    return g.hosts[host].node;
}

inline NetDeviceContainer
PointToPoint(uint32_t a, uint32_t b, double delayMs)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(delayMs)));
    return p2p.Install(N(a), N(b));
}

/** A radio cell or a LAN segment: one shared medium. */
inline NetDeviceContainer
Segment(const std::vector<uint32_t>& hosts, double delayMs)
{
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(delayMs)));
    NodeContainer nodes;
    for (uint32_t h : hosts)
    {
        nodes.Add(N(h));
    }
    return csma.Install(nodes);
}

inline uint32_t
Address(Ptr<NetDevice> device, const std::string& address, const char* mask)
{
    Ptr<Ipv4> ip = device->GetNode()->GetObject<Ipv4>();
    int32_t i = ip->GetInterfaceForDevice(device);
    if (i < 0)
    {
        i = ip->AddInterface(device);
    }
    ip->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(address.c_str()), Ipv4Mask(mask)));
    ip->SetUp(i);
    return i;
}

inline Ptr<Ipv4StaticRouting>
Routes(uint32_t host)
{
    Ipv4StaticRoutingHelper helper;
    return helper.GetStaticRouting(N(host)->GetObject<Ipv4>());
}

inline void
OpenSockets()
{
    for (Host& h : g.hosts)
    {
        h.socket = Socket::CreateSocket(h.node, UdpSocketFactory::GetTypeId());
        h.socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
        h.socket->SetAllowBroadcast(true);
        h.socket->SetRecvCallback(MakeCallback(&Receive));
        h.node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext("Tx", MakeCallback(&CountTx));
    }
}

/** A mobile node's sending socket through one of its cell interfaces (its default route there). */
inline void
AddMnInterface(uint32_t host, Ptr<NetDevice> device)
{
    Ptr<Socket> s = Socket::CreateSocket(N(host), UdpSocketFactory::GetTypeId());
    s->Bind();
    s->BindToNetDevice(device);
    g.hosts[host].viaInterface.push_back(s);
}

/** Once a second from time 0, one hop on the agent's own link (a socket bound to it, to 255.255.255.255). */
inline void
Advertise(Ptr<NetDevice> device, double durationS)
{
    Ptr<Socket> s = Socket::CreateSocket(device->GetNode(), UdpSocketFactory::GetTypeId());
    s->Bind();
    s->BindToNetDevice(device);
    s->SetAllowBroadcast(true);
    for (int t = 0; t <= durationS + 1e-9; t++)
    {
        Simulator::Schedule(Seconds(t), &Send, s, ADVERTISEMENT, ADVERTISEMENT_PAYLOAD, 0, 0, Ipv4Address::GetBroadcast());
    }
}

/** Hosts do not forward (a datagram not for them is dropped, as in the lab). */
inline void
HostOnly(uint32_t host)
{
    N(host)->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(false));
}

inline void
Register(uint32_t mn)
{
    Send(MnSocket(mn), REG_REQUEST, REQUEST_PAYLOAD, mn, 0, g.faCell[g.mnCareOf[mn]]);
}

inline void
Move(uint32_t mn, uint32_t fa, uint32_t interface)
{
    g.mnCareOf[mn] = fa;
    g.mnInterface[mn] = interface;
    Register(mn);
}

inline void
CorrespondentSends(uint32_t cn, uint32_t mn)
{
    Ptr<Socket> s = g.hosts[g.cnHost[cn]].socket;
    if (g.tunnelFromCorrespondent)
    {
        Send(s, TUNNEL, PAYLOAD + IP_IN_IP, mn, cn, g.faTunnel[g.mnCareOf[mn]]);
    }
    else
    {
        Send(s, DATA, PAYLOAD, mn, cn, g.mnHome[mn]);
    }
}

inline void
Flow(double startS, double intervalS, double untilS, void (*send)(uint32_t, uint32_t), uint32_t a, uint32_t b)
{
    for (int k = 0; startS + k * intervalS <= untilS + 1e-9; k++)
    {
        Simulator::Schedule(Seconds(startS + k * intervalS), send, a, b);
    }
}

inline void
MnFlowSend(uint32_t mn, uint32_t cn)
{
    Send(MnSocket(mn), MN_FLOW, PAYLOAD, mn, cn, g.cnAddress[cn]);
}

void Triangle(NodeContainer& all, double durationS);
void Large(NodeContainer& all, double durationS);

} // namespace mipcost
