// One inline-SVG pictogram per role, so a learner tells the mobile node from
// the agents and the correspondent at a glance (and on a projector). Shapes
// differ, not only colours; the role is also in each node's text label.

import { memo } from 'react';
import type { NodeRole } from '../model/canvas-model';

export const ROLE_COLOUR: Readonly<Record<NodeRole, string>> = {
  'mobile-node': '#1d4ed8',
  'home-agent': '#15803d',
  'foreign-agent': '#0f766e',
  correspondent: '#6d28d9',
  router: '#475569',
  adversary: '#b91c1c',
  // The IPv6 roles (Perkins & Johnson §10) wear their IPv4 counterpart's colour and shape; the label says IPv6.
  'mobile-node-v6': '#1d4ed8',
  'home-agent-v6': '#15803d',
  'access-router-v6': '#0f766e',
  'correspondent-v6': '#6d28d9',
  'adversary-v6': '#b91c1c',
};

const STROKE = { fill: 'none', stroke: '#fff', strokeWidth: 2.2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

function Glyph({ role }: { readonly role: NodeRole }) {
  switch (role) {
    case 'mobile-node': // a handset with radio waves
    case 'mobile-node-v6':
      return (
        <g {...STROKE}>
          <rect x="17" y="13" width="14" height="23" rx="2.5" />
          <path d="M22 32h4" />
          <path d="M34 15a6 6 0 0 1 0 8M37.5 12a11 11 0 0 1 0 14" />
        </g>
      );
    case 'home-agent': // a house
    case 'home-agent-v6':
      return (
        <g {...STROKE}>
          <path d="M12 24 24 13l12 11" />
          <path d="M16 21v14h16V21" />
          <path d="M22 35v-7h4v7" />
        </g>
      );
    case 'foreign-agent': // an access point mast with waves
    case 'access-router-v6':
      return (
        <g {...STROKE}>
          <path d="M24 22v14M19 36h10" />
          <circle cx="24" cy="20" r="2" fill="#fff" />
          <path d="M18.5 14.5a8 8 0 0 0 0 11M29.5 14.5a8 8 0 0 1 0 11M15 11a13 13 0 0 0 0 18M33 11a13 13 0 0 1 0 18" />
        </g>
      );
    case 'correspondent': // a desktop host
    case 'correspondent-v6':
      return (
        <g {...STROKE}>
          <rect x="13" y="14" width="22" height="15" rx="2" />
          <path d="M24 29v5M18 35h12" />
        </g>
      );
    case 'router': // the classic router disc with crossing arrows
      return (
        <g {...STROKE}>
          <path d="M14 20h9M14 20l3-3M14 20l3 3" />
          <path d="M34 28h-9M34 28l-3-3M34 28l-3 3" />
          <path d="M25 20h9M31 17l3 3-3 3" />
          <path d="M23 28h-9M17 25l-3 3 3 3" />
        </g>
      );
    case 'adversary': // a masked face
    case 'adversary-v6':
      return (
        <g {...STROKE}>
          <path d="M12 21c4-3 20-3 24 0-1 6-6 7-8 4-2-2-6-2-8 0-2 3-7 2-8-4Z" />
          <path d="M19 32c3 2 7 2 10 0" />
        </g>
      );
  }
}

export const NodeIcon = memo(function NodeIcon({ role }: { readonly role: NodeRole }) {
  return (
    <svg className="canvas-node-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill={ROLE_COLOUR[role]} />
      <Glyph role={role} />
    </svg>
  );
});
