import { AddressBindingsTable, AhAssociationsTable, NeighbourCacheTable, type AgentTablesProps } from './Ipv6AgentTables';

// What an IPv6 access router holds (Perkins & Johnson §10; mipv6-07 §10.8):
// the neighbour cache of its cell (how it reaches care-of addresses), the
// previous care-of addresses it answers for after a smooth handoff, and its
// security associations with mobile nodes.

export function Ipv6AccessRouterTables({ state, view, linkOf }: AgentTablesProps) {
  const on = state.config.acceptsBindings;
  return (
    <>
      <p className="state-note">
        Smooth handoff is <strong>{on ? 'on' : 'off'}</strong>:{' '}
        {on
          ? 'after a mobile node moves on, it may ask this router to forward what still arrives for its previous care-of address (Perkins & Johnson §10; mipv6-07 §10.8).'
          : 'a Binding Update asking it to forward for a previous care-of address is refused with status 131 (RFC 6275 §6.1.8).'}
      </p>
      <NeighbourCacheTable state={state} view={view} linkOf={linkOf} />
      <AddressBindingsTable
        state={state}
        view={view}
        title="Previous care-of bindings"
        refText="mipv6-07 §10.8; RFC 6275 §11.5.4"
        addressHeader="Previous care-of address"
        empty="No mobile node asked it to forward for a previous care-of address."
      />
      <AhAssociationsTable state={state} view={view} />
    </>
  );
}
