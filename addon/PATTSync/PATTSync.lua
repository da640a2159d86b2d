-- PATTSync: exports the guild roster into PATTSyncDB.lastExport, which the game writes to
-- WTF/Account/<ACCOUNT>/SavedVariables/PATTSync.lua on logout or /reload. The companion
-- uploader (python -m patt_app.companion) watches that file and uploads each newer export.
--
-- Slash commands: /pattsync or /patt [force | status | help]. An automatic export runs when
-- the roster arrives, at most once every 6 hours; "force" ignores the cooldown.

local ADDON_NAME = "PATTSync"
local ADDON_VERSION = "1.0.0"
local COOLDOWN_SECONDS = 6 * 60 * 60

PATTSyncDB = PATTSyncDB or {}

local function say(message)
    DEFAULT_CHAT_FRAME:AddMessage("|cffd4a84bPATTSync|r: " .. message)
end

local function lastOnlineText(index, isOnline)
    if isOnline then
        return "Online"
    end
    local years, months, days, hours = GetGuildRosterLastOnline(index)
    local parts = {}
    if years and years > 0 then table.insert(parts, years .. "y") end
    if months and months > 0 then table.insert(parts, months .. "m") end
    if days and days > 0 then table.insert(parts, days .. "d") end
    if hours and hours > 0 then table.insert(parts, hours .. "h") end
    if #parts == 0 then
        return "<1h"
    end
    return table.concat(parts, " ")
end

local function splitName(fullName)
    local name, realm = strsplit("-", fullName, 2)
    if not realm or realm == "" then
        realm = GetNormalizedRealmName() or GetRealmName()
    end
    return name, realm
end

local function collectCharacters()
    local characters = {}
    local total = GetNumGuildMembers()
    for index = 1, total do
        local fullName, rankName, rankIndex, level, className, zone, note, officerNote,
            isOnline, _, classFile, achievementPoints = GetGuildRosterInfo(index)
        if fullName then
            local name, realm = splitName(fullName)
            table.insert(characters, {
                name = name,
                realm = realm,
                class = className,
                classFile = classFile,
                level = level,
                rank = rankIndex,
                rankName = rankName,
                zone = zone or "",
                note = note or "",
                officerNote = officerNote or "",
                isOnline = isOnline and true or false,
                lastOnline = lastOnlineText(index, isOnline),
                achievementPoints = achievementPoints or 0,
            })
        end
    end
    return characters
end

local function export(force)
    if not IsInGuild() then
        say("you are not in a guild; nothing to export.")
        return false
    end
    local now = time()
    local last = PATTSyncDB.lastExportTime or 0
    if not force and now - last < COOLDOWN_SECONDS then
        return false
    end
    local characters = collectCharacters()
    if #characters == 0 then
        C_GuildInfo.GuildRoster()  -- ask the server; GUILD_ROSTER_UPDATE brings the data
        return false
    end
    PATTSyncDB.lastExport = {
        exportTime = now,
        exportTimeISO = date("!%Y-%m-%dT%H:%M:%SZ", now),
        addonVersion = ADDON_VERSION,
        guildName = GetGuildInfo("player"),
        memberCount = #characters,
        characters = characters,
    }
    PATTSyncDB.lastExportTime = now
    PATTSyncDB.totalExports = (PATTSyncDB.totalExports or 0) + 1
    say(#characters .. " characters exported; log out or /reload to save them for the uploader.")
    return true
end

local function status()
    local last = PATTSyncDB.lastExportTime
    if not last then
        say("no export yet. Type /pattsync force.")
        return
    end
    local waited = time() - last
    local remaining = math.max(0, COOLDOWN_SECONDS - waited)
    say(string.format("last export %s (%d characters, %d exports in all); next automatic export in %d min.",
        date("%Y-%m-%d %H:%M", last), (PATTSyncDB.lastExport or {}).memberCount or 0,
        PATTSyncDB.totalExports or 0, math.ceil(remaining / 60)))
end

local function help()
    say("/pattsync (or /patt) — export now if 6 hours have passed since the last export")
    say("/pattsync force — export now, whatever the time")
    say("/pattsync status — when the last export was made")
    say("/pattsync help — this list")
end

local function handleSlash(message)
    local command = strtrim(string.lower(message or ""))
    if command == "force" then
        export(true)
    elseif command == "status" then
        status()
    elseif command == "help" then
        help()
    elseif command == "" then
        if not export(false) then
            status()
        end
    else
        say("unknown command '" .. command .. "'.")
        help()
    end
end

SLASH_PATTSYNC1 = "/pattsync"
SLASH_PATTSYNC2 = "/patt"
SlashCmdList["PATTSYNC"] = handleSlash

local frame = CreateFrame("Frame")
frame:RegisterEvent("ADDON_LOADED")
frame:RegisterEvent("GUILD_ROSTER_UPDATE")
frame:SetScript("OnEvent", function(_, event, arg1)
    if event == "ADDON_LOADED" and arg1 == ADDON_NAME then
        PATTSyncDB = PATTSyncDB or {}
        if IsInGuild() then
            C_GuildInfo.GuildRoster()
        end
    elseif event == "GUILD_ROSTER_UPDATE" then
        export(false)
    end
end)
