import { AddressBindingsTable, AhAssociationsTable, NeighbourCacheTable, type AgentTablesProps } from './Ipv6AgentTables';

// What the IPv6 home agent holds (RFC 6275 §10): its home
// registrations — the home addresses it intercepts and tunnels — then the
// neighbour cache and the security associations with its mobile nodes.

export function Ipv6HomeAgentTables({ state, view, linkOf }: AgentTablesProps) {
  return (
    <>
      <AddressBindingsTable
        state={state}
        view={view}
        title="Bindings (home registrations)"
        refText="RFC 6275 §10.3.1, §10.4.1"
        addressHeader="Home address"
        empty="No mobile node is registered away: datagrams for home addresses are delivered on the home link."
      />
      <NeighbourCacheTable state={state} view={view} linkOf={linkOf} />
      <AhAssociationsTable state={state} view={view} />
    </>
  );
}
