-- Route Optimization Lab: a Wireshark dissector for what Wireshark itself
-- does not decode in the lab's captures (docs/protocol-notes.md §Wireshark):
--
--  * the four Route Optimization messages on UDP port 434, with the 1998
--    numbering the lab keeps: 16 Binding Warning, 17 Binding Request,
--    18 Binding Update, 19 Binding Acknowledge (Perkins & Johnson §3.1–§3.4;
--    optim-08 §4.1–§4.4). Wireshark gives these numbers to the later
--    Handoff and Regional Registration messages and reports them malformed;
--  * the extensions of registration and Route Optimization messages that it
--    does not know: the Route Optimization Authentication extension 35
--    (optim-08 §4.5), the Previous Foreign Agent Notification extension 96
--    (optim-08 §5.1), the Binding Warning extension 16 (optim-08 §6, type from
--    optim-11), and the registration-key extensions 113–125 (regkey-00 §4,
--    §5), of which 114–116 and 120–124 have a 16-bit Length right after the
--    Type.
--
-- How it hooks in: it takes UDP port 434 from Wireshark's own Mobile IP
-- dissector ("mip") and hands it back everything it already decodes well —
-- Registration Requests and Replies carrying only extensions 32–34 whole, and
-- the fixed part of one carrying anything else, whose extensions are decoded
-- here. Types 16–19 are decoded here (a preference turns that off, for
-- captures of later Mobile IP, which gave those numbers to other messages).
--
-- Install: copy this file into Wireshark's personal plugins folder (Help ›
-- About Wireshark › Folders › Personal Lua Plugins) and restart Wireshark, or
-- try it once with `tshark -X lua_script:route-optimization-lab.lua -r run.pcapng`.
-- Display filters: mipro, mipro.type == 18, mipro.bu.lifetime, mipro.ext.type == 116, …

local mipro = Proto("mipro", "Mobile IP Route Optimization (Perkins & Johnson, 1998)")

local MESSAGE_NAMES = {
  [1] = "Registration Request", [3] = "Registration Reply",
  [16] = "Binding Warning", [17] = "Binding Request", [18] = "Binding Update", [19] = "Binding Acknowledge",
}

local EXTENSION_NAMES = {
  [16] = "Binding Warning extension",
  [32] = "Mobile-Home Authentication", [33] = "Mobile-Foreign Authentication", [34] = "Foreign-Home Authentication",
  [35] = "Route Optimization Authentication",
  [96] = "Previous Foreign Agent Notification",
  [113] = "Foreign Agent Key Request", [114] = "Mobile Node Public Key", [115] = "Foreign Agent Public Key",
  [116] = "Registration Key Request", [120] = "Home-Mobile Key Reply", [121] = "Foreign Agent Key Reply",
  [122] = "Mobile Node Public Key Reply", [123] = "Foreign Agent Public Key Reply",
  [124] = "Diffie-Hellman Key Reply", [125] = "SPI",
}

-- optim-08 §4.4 Status values; 0 accepts, any other rejects.
local ACK_STATUS = {
  [0] = "Accepted", [128] = "Reason unspecified", [129] = "Administratively prohibited",
  [130] = "Insufficient resources", [131] = "Sending node failed authentication",
  [133] = "Identification mismatch", [134] = "Poorly formed Binding Update",
}

-- regkey-00 §4, §5: these put a 16-bit big-endian Length right after the Type.
local SIXTEEN_BIT_LENGTH = { [114] = true, [115] = true, [116] = true, [120] = true, [121] = true, [122] = true, [123] = true, [124] = true }
-- The extensions Wireshark's own dissector decodes correctly (RFC 2002 §3.5.2–§3.5.4).
local NATIVE_EXTENSIONS = { [32] = true, [33] = true, [34] = true }

local f = {
  type = ProtoField.uint8("mipro.type", "Message Type", base.DEC, MESSAGE_NAMES),
  reserved = ProtoField.uint24("mipro.reserved", "Reserved", base.HEX),
  homeaddr = ProtoField.ipv4("mipro.homeaddr", "Mobile Node Home Address"),
  ident = ProtoField.uint64("mipro.ident", "Identification", base.HEX),
  bw_target = ProtoField.ipv4("mipro.bw.target", "Target Node Address"),
  bw_count = ProtoField.uint32("mipro.bw.targets", "Number of targets (N = (length - 8) / 4)"),
  bu_flags = ProtoField.uint8("mipro.bu.flags", "Flags", base.HEX),
  bu_a = ProtoField.bool("mipro.bu.flags.a", "Acknowledge (A)", 8, nil, 0x80),
  bu_i = ProtoField.bool("mipro.bu.flags.i", "Identification present (I)", 8, nil, 0x40),
  bu_m = ProtoField.bool("mipro.bu.flags.m", "Minimal encapsulation (M)", 8, nil, 0x20),
  bu_g = ProtoField.bool("mipro.bu.flags.g", "GRE encapsulation (G)", 8, nil, 0x10),
  bu_rsvd = ProtoField.uint8("mipro.bu.flags.reserved", "Reserved", base.HEX, nil, 0x0f),
  bu_lifetime = ProtoField.uint16("mipro.bu.lifetime", "Lifetime (s)", base.DEC),
  bu_coa = ProtoField.ipv4("mipro.bu.coa", "Care-of Address"),
  ack_reserved = ProtoField.uint16("mipro.back.reserved", "Reserved", base.HEX),
  ack_status = ProtoField.uint8("mipro.back.status", "Status", base.DEC, ACK_STATUS),
  ext = ProtoField.none("mipro.ext", "Extension"),
  ext_type = ProtoField.uint8("mipro.ext.type", "Type", base.DEC, EXTENSION_NAMES),
  ext_length = ProtoField.uint16("mipro.ext.length", "Length", base.DEC),
  ext_length_size = ProtoField.uint8("mipro.ext.length_size", "Length field size (octets)", base.DEC),
  ext_spi = ProtoField.uint32("mipro.ext.spi", "SPI", base.DEC),
  ext_auth = ProtoField.bytes("mipro.ext.authenticator", "Authenticator"),
  ext_data = ProtoField.bytes("mipro.ext.data", "Data"),
  pfan_lifetime = ProtoField.uint16("mipro.pfan.cache_lifetime", "Cache Lifetime (s)", base.DEC),
  pfan_prev_fa = ProtoField.ipv4("mipro.pfan.prev_fa", "Previous Foreign Agent Address"),
  pfan_new_coa = ProtoField.ipv4("mipro.pfan.new_coa", "New Care-of Address"),
  bwext_reserved = ProtoField.uint16("mipro.bwext.reserved", "Reserved", base.HEX),
  bwext_homeaddr = ProtoField.ipv4("mipro.bwext.homeaddr", "Mobile Node Home Address"),
  bwext_target = ProtoField.ipv4("mipro.bwext.target", "Target Node Address"),
  key_mn_public = ProtoField.bytes("mipro.key.mn_public_key", "Mobile Node Public Key"),
  key_fa_public = ProtoField.bytes("mipro.key.fa_public_key", "Foreign Agent Public Key"),
  key_encrypted = ProtoField.bytes("mipro.key.encrypted_key", "Encrypted registration key"),
  key_dh_prime = ProtoField.bytes("mipro.key.dh_prime", "Prime p"),
  key_dh_generator = ProtoField.bytes("mipro.key.dh_generator", "Generator g"),
  key_dh_value = ProtoField.bytes("mipro.key.dh_value", "Computed value (g^x or g^y mod p)"),
}
mipro.fields = f

local ex = {
  truncated = ProtoExpert.new("mipro.truncated", "Truncated: fewer octets than the layout needs",
    expert.group.MALFORMED, expert.severity.ERROR),
  bad_length = ProtoExpert.new("mipro.bad_length", "Length does not fit this extension's layout",
    expert.group.MALFORMED, expert.severity.ERROR),
  reserved = ProtoExpert.new("mipro.reserved_not_zero", "Reserved field is not zero (sent as 0, ignored by the receiver)",
    expert.group.PROTOCOL, expert.severity.WARN),
  rejected = ProtoExpert.new("mipro.back.rejected", "Binding Update rejected",
    expert.group.RESPONSE_CODE, expert.severity.NOTE),
}
mipro.experts = { ex.truncated, ex.bad_length, ex.reserved, ex.rejected }

mipro.prefs.ro_types = Pref.bool("Decode types 16-19 as Route Optimization (1998)", true,
  "Message types 16-19 are the 1998 Binding Warning, Request, Update and Acknowledge (Perkins & Johnson §3). Turn off for captures of later Mobile IP, which uses these numbers for other messages.")

local mip = Dissector.get("mip")

local function check_reserved(item, value)
  if value ~= 0 then item:add_proto_expert_info(ex.reserved) end
end

-- One extension body by type; `d` = first data octet, `n` = data length.
local function extension_body(tvb, et, t, d, n)
  local function need(min, what)
    if n < min then
      et:add_proto_expert_info(ex.bad_length, string.format("Length %d is shorter than %s (%d octets)", n, what, min))
      return false
    end
    return true
  end
  local function exactly(size, what)
    if n ~= size then
      et:add_proto_expert_info(ex.bad_length, string.format("Length %d, expected %d (%s)", n, size, what))
      return false
    end
    return true
  end
  if t == 16 then -- optim-08 §6: Reserved, Home Address, then 4-octet targets; Length = 6 + 4N
    if not need(6, "Reserved and Home Address") then return end
    if (n - 6) % 4 ~= 0 then
      et:add_proto_expert_info(ex.bad_length, string.format("Length %d is not 6 + 4 x N", n))
      return
    end
    check_reserved(et:add(f.bwext_reserved, tvb(d, 2)), tvb(d, 2):uint())
    et:add(f.bwext_homeaddr, tvb(d + 2, 4))
    for at = d + 6, d + n - 4, 4 do et:add(f.bwext_target, tvb(at, 4)) end
  elseif t >= 32 and t <= 35 then -- RFC 2002 §3.5.2-§3.5.4; optim-08 §4.5: SPI, then the authenticator
    if not need(4, "the SPI") then return end
    et:add(f.ext_spi, tvb(d, 4))
    et:add(f.ext_auth, tvb(d + 4, n - 4))
  elseif t == 96 then -- optim-08 §5.1: Cache Lifetime, previous FA, new CoA, SPI, authenticator; Length = 14 + n
    if not need(14, "the fields before the authenticator") then return end
    et:add(f.pfan_lifetime, tvb(d, 2))
    et:add(f.pfan_prev_fa, tvb(d + 2, 4))
    et:add(f.pfan_new_coa, tvb(d + 6, 4))
    et:add(f.ext_spi, tvb(d + 10, 4))
    et:add(f.ext_auth, tvb(d + 14, n - 14))
  elseif t == 113 or t == 125 then -- regkey-00 §4.1, §5.6: the SPI only
    if not exactly(4, "the SPI only") then return end
    et:add(f.ext_spi, tvb(d, 4))
  elseif t == 114 then -- regkey-00 §4.2
    et:add(f.key_mn_public, tvb(d, n))
  elseif t == 115 then -- regkey-00 §4.3: SPI, then the public key
    if not need(4, "the SPI") then return end
    et:add(f.ext_spi, tvb(d, 4))
    et:add(f.key_fa_public, tvb(d + 4, n - 4))
  elseif t == 116 then -- regkey-00 §4.4: p, g, g^x of L octets each, or nothing
    if n % 3 ~= 0 then
      et:add_proto_expert_info(ex.bad_length, string.format("Length %d is not 3 x L (p, g and g^x take L octets each)", n))
      return
    end
    if n == 0 then
      et:append_text(": no values, a key by any method except Diffie-Hellman")
      return
    end
    local l = math.floor(n / 3)
    et:add(f.key_dh_prime, tvb(d, l))
    et:add(f.key_dh_generator, tvb(d + l, l))
    et:add(f.key_dh_value, tvb(d + 2 * l, l))
  elseif t >= 120 and t <= 123 then -- regkey-00 §5.1-§5.4: SPI, then the key encrypted for its recipient
    if not need(4, "the SPI") then return end
    et:add(f.ext_spi, tvb(d, 4))
    et:add(f.key_encrypted, tvb(d + 4, n - 4))
  elseif t == 124 then -- regkey-00 §5.5: SPI, then g^y mod p
    if not need(4, "the SPI") then return end
    et:add(f.ext_spi, tvb(d, 4))
    et:add(f.key_dh_value, tvb(d + 4, n - 4))
  elseif n > 0 then
    et:add(f.ext_data, tvb(d, n))
  end
end

-- The extension list from `offset` to the end of the message (RFC 2002 §1.9,
-- regkey-00 §4, §5 for the Length width). Returns the names, for the Info column.
local function dissect_extensions(tvb, pinfo, tree, offset)
  local stop = tvb:len()
  local names = {}
  while offset < stop do
    local t = tvb(offset, 1):uint()
    local size = SIXTEEN_BIT_LENGTH[t] and 2 or 1
    local name = EXTENSION_NAMES[t] or ("Unknown extension " .. t)
    if offset + 1 + size > stop then
      local et = tree:add(f.ext, tvb(offset, stop - offset)):set_text("Extension: " .. name .. " (truncated)")
      et:add(f.ext_type, tvb(offset, 1))
      et:add_proto_expert_info(ex.truncated, string.format("%s: its %d-octet Length does not fit in the %d octets left", name, size, stop - offset - 1))
      return names
    end
    local n = tvb(offset + 1, size):uint()
    local d = offset + 1 + size
    if d + n > stop then
      local et = tree:add(f.ext, tvb(offset, stop - offset)):set_text("Extension: " .. name .. " (truncated)")
      et:add(f.ext_type, tvb(offset, 1))
      et:add(f.ext_length, tvb(offset + 1, size), n)
      et:add_proto_expert_info(ex.truncated, string.format("%s: Length %d, but only %d octets remain", name, n, stop - d))
      return names
    end
    local et = tree:add(f.ext, tvb(offset, 1 + size + n)):set_text(string.format("Extension: %s (%d)", name, t))
    et:add(f.ext_type, tvb(offset, 1))
    et:add(f.ext_length, tvb(offset + 1, size), n)
    et:add(f.ext_length_size, tvb(offset + 1, size), size):set_generated()
    extension_body(tvb, et, t, d, n)
    names[#names + 1] = EXTENSION_NAMES[t] or tostring(t)
    offset = d + n
  end
  return names
end

local FIXED = { [16] = 8, [17] = 16, [18] = 12, [19] = 16 }

local function dissect_ro_message(tvb, pinfo, tree, t)
  local len = tvb:len()
  pinfo.cols.protocol = "MIP-RO"
  local root = tree:add(mipro, tvb(), "Mobile IP Route Optimization: " .. MESSAGE_NAMES[t])
  root:add(f.type, tvb(0, 1))
  if len < FIXED[t] then
    root:add_proto_expert_info(ex.truncated, string.format("%s needs %d octets before its extensions, only %d present", MESSAGE_NAMES[t], FIXED[t], len))
    pinfo.cols.info = MESSAGE_NAMES[t] .. " (truncated)"
    return len
  end
  local home = tostring(tvb(4, 4):ipv4())
  local info = MESSAGE_NAMES[t] .. ": HoA=" .. home
  local ext_at = FIXED[t]
  if t == 16 then -- optim-08 §4.1: the targets run to the end of the message
    check_reserved(root:add(f.reserved, tvb(1, 3)), tvb(1, 3):uint())
    root:add(f.homeaddr, tvb(4, 4))
    local rest = len - 8
    root:add(f.bw_count, tvb(8, rest), math.floor(rest / 4)):set_generated()
    local targets = {}
    for at = 8, len - 4, 4 do
      root:add(f.bw_target, tvb(at, 4))
      targets[#targets + 1] = tostring(tvb(at, 4):ipv4())
    end
    if rest % 4 ~= 0 then
      root:add_proto_expert_info(ex.bad_length, string.format("%d octets after the Home Address are not a whole number of 4-octet targets", rest))
    end
    pinfo.cols.info = info .. " Targets=" .. table.concat(targets, ",")
    return len
  end
  if t == 18 then -- optim-08 §4.3
    local flags = tvb(1, 1):uint()
    local fl = root:add(f.bu_flags, tvb(1, 1))
    fl:add(f.bu_a, tvb(1, 1)); fl:add(f.bu_i, tvb(1, 1)); fl:add(f.bu_m, tvb(1, 1)); fl:add(f.bu_g, tvb(1, 1))
    check_reserved(fl:add(f.bu_rsvd, tvb(1, 1)), flags % 16)
    local lifetime = tvb(2, 2):uint()
    local li = root:add(f.bu_lifetime, tvb(2, 2))
    if lifetime == 0 then li:append_text(" (delete the binding)") elseif lifetime == 0xffff then li:append_text(" (infinite)") end
    root:add(f.homeaddr, tvb(4, 4))
    root:add(f.bu_coa, tvb(8, 4))
    info = info .. " CoA=" .. tostring(tvb(8, 4):ipv4()) .. " Lifetime=" .. lifetime
    if math.floor(flags / 0x40) % 2 == 1 then -- the I bit (arithmetic: no bit library needed, any Lua version)
      if len < 20 then
        root:add_proto_expert_info(ex.truncated, "I = 1 announces an 8-octet Identification, only " .. (len - 12) .. " octets remain")
        pinfo.cols.info = info
        return len
      end
      root:add(f.ident, tvb(12, 8))
      ext_at = 20
    end
  else -- 17 (optim-08 §4.2) and 19 (§4.4): Reserved or Reserved + Status, Home Address, Identification
    if t == 19 then
      check_reserved(root:add(f.ack_reserved, tvb(1, 2)), tvb(1, 2):uint())
      local status = tvb(3, 1):uint()
      local si = root:add(f.ack_status, tvb(3, 1))
      if status ~= 0 then si:add_proto_expert_info(ex.rejected, "Rejected: " .. (ACK_STATUS[status] or "unknown status, treated as reason unspecified")) end
      info = info .. " Status=" .. status
    else
      check_reserved(root:add(f.reserved, tvb(1, 3)), tvb(1, 3):uint())
    end
    root:add(f.homeaddr, tvb(4, 4))
    root:add(f.ident, tvb(8, 8))
  end
  local names = dissect_extensions(tvb, pinfo, root, ext_at)
  if #names > 0 then info = info .. " [" .. table.concat(names, ", ") .. "]" end
  pinfo.cols.info = info
  return len
end

-- Where the extensions of a Registration Request (1) or Reply (3) start (RFC 2002 §3.3, §3.4).
local REGISTRATION_FIXED = { [1] = 24, [3] = 20 }

-- True when every extension is one Wireshark decodes itself, walking the list
-- with the lab's Length rule; false as soon as one is not (or the list is damaged).
local function only_native_extensions(tvb, offset)
  local stop = tvb:len()
  while offset < stop do
    local t = tvb(offset, 1):uint()
    if not NATIVE_EXTENSIONS[t] or offset + 2 > stop then return false end
    offset = offset + 2 + tvb(offset + 1, 1):uint()
  end
  return offset == stop
end

function mipro.dissector(tvb, pinfo, tree)
  local len = tvb:len()
  if len < 1 then return 0 end
  local t = tvb(0, 1):uint()
  if FIXED[t] ~= nil and mipro.prefs.ro_types then
    return dissect_ro_message(tvb, pinfo, tree, t)
  end
  local fixed = REGISTRATION_FIXED[t]
  if fixed == nil or len <= fixed or only_native_extensions(tvb, fixed) then
    return mip:call(tvb, pinfo, tree)
  end
  -- Wireshark decodes the fixed part; the extensions are ours.
  mip:call(tvb(0, fixed):tvb(), pinfo, tree)
  local root = tree:add(mipro, tvb(fixed), "Mobile IP Route Optimization: extensions of the " .. MESSAGE_NAMES[t])
  local names = dissect_extensions(tvb, pinfo, root, fixed)
  if #names > 0 then pinfo.cols.info:append(" [" .. table.concat(names, ", ") .. "]") end
  return len
end

DissectorTable.get("udp.port"):add(434, mipro)
