/// The header of a report: trigger line, cpuset line, CPU or Pid line, hardware name and call trace.
extension ReportSynthesizer {
    static func headerLines(_ p: SynthesizedReportParameters) -> [SynthesizedKernelLine] {
        var out: [SynthesizedKernelLine] = []
        let t = p.trigger
        let named = "\(t.gfpMask)(\(t.gfpFlagNames.joined(separator: "|")))"
        let trigger: String
        switch p.era {
        case .linux2_6_18:
            trigger = "oom-killer: gfp_mask=\(t.gfpMask), order=\(t.order)"
        case .linux2_6_19to31:
            trigger = "\(t.comm) invoked oom-killer: gfp_mask=\(t.gfpMask), order=\(t.order), oomkilladj=\(t.oomAdj)"
        case .rhel6_2_6_32:
            trigger = "\(t.comm) invoked oom-killer: gfp_mask=\(t.gfpMask), order=\(t.order), oom_adj=\(t.oomAdj), "
                + "oom_score_adj=\(t.oomScoreAdj)"
        case .linux3_10:
            trigger = "\(t.comm) invoked oom-killer: gfp_mask=\(t.gfpMask), order=\(t.order), "
                + "oom_score_adj=\(t.oomScoreAdj)"
        case .linux4_8, .linux6_1, .memcgV2:
            trigger = "\(t.comm) invoked oom-killer: gfp_mask=\(named), order=\(t.order), "
                + "oom_score_adj=\(t.oomScoreAdj)"
        case .linux4_19, .memcgV1:
            trigger = "\(t.comm) invoked oom-killer: gfp_mask=\(named), nodemask=(null), order=\(t.order), "
                + "oom_score_adj=\(t.oomScoreAdj)"
        }
        out.append(SynthesizedKernelLine(trigger, level: 4))
        if printsCpusetLine(p.era) {
            out.append(SynthesizedKernelLine("\(t.comm) cpuset=\(p.cpuset) mems_allowed=\(p.memsAllowed)"))
        }
        switch p.era {
        case .linux2_6_18:
            break
        case .linux2_6_19to31, .rhel6_2_6_32:
            out.append(SynthesizedKernelLine("Pid: \(t.pid), comm: \(t.comm) Not tainted \(p.kernelRelease) #1",
                                             level: 4))
        default:
            out.append(SynthesizedKernelLine(
                "CPU: \(t.cpu) PID: \(t.pid) Comm: \(t.comm) Not tainted \(p.kernelRelease) #1", level: 4))
            out.append(SynthesizedKernelLine("Hardware name: \(p.hardwareName)", level: 4))
        }
        out += traceLines(p)
        return out
    }

    /// The cpuset line exists from 2.6.29 to 4.20.
    static func printsCpusetLine(_ era: SynthesizedKernelEra) -> Bool {
        switch era {
        case .linux2_6_18, .linux6_1, .memcgV2: false
        default: true
        }
    }

    /// The call trace in the era's shape: addresses and `? ` frames up to 4.8, symbols only from 4.10,
    /// `<TASK>` frames with user registers in 6.x.
    static func traceLines(_ p: SynthesizedReportParameters) -> [SynthesizedKernelLine] {
        var out: [SynthesizedKernelLine] = []
        func frame(_ text: String) { out.append(SynthesizedKernelLine(" " + text, level: 4)) }
        func addressed(_ frames: [String], base: UInt64, digits: Int) {
            out.append(SynthesizedKernelLine("Call Trace:", level: 4))
            for name in frames {
                let symbol = name.hasPrefix("? ") ? String(name.dropFirst(2)) : name
                let address = base + fakeOffset(symbol)
                let hex = String(address, radix: 16)
                let padded = String(repeating: "0", count: max(0, digits - hex.count)) + hex
                frame("[<\(padded)>] " + name)
            }
        }
        // 32-bit kernels (a HighMem zone) print 8-digit addresses and stack words.
        let thirtyTwoBit = p.era == .linux2_6_19to31 || p.zones.contains { $0.name == "HighMem" && $0.isPopulated }
        let kernelBase: UInt64 = thirtyTwoBit ? 0xc100_0000 : 0xffff_ffff_8100_0000
        let digits = thirtyTwoBit ? 8 : 16
        func stackWords() {
            for row in 0..<2 {
                let words = (0..<(thirtyTwoBit ? 8 : 4)).map { column -> String in
                    let seed = fakeOffset("w\(row)\(column)\(p.trigger.pid)")
                    let value = thirtyTwoBit ? 0xf000_0000 | (seed & 0x0fff_fffc)
                        : 0xffff_8800_0000_0000 &+ seed &* 0x1_0000
                    return String(value, radix: 16)
                }
                frame(words.joined(separator: " "))
            }
        }
        func userRegisters() {
            out.append(SynthesizedKernelLine("RIP: 0033:0x7f3b8c0e5a1b", level: 4))
            out.append(SynthesizedKernelLine("Code: Unable to access opcode bytes at RIP 0x7f3b8c0e59f1.", level: 4))
            out.append(SynthesizedKernelLine("RSP: 002b:00007ffc1a2e4a60 EFLAGS: 00010206", level: 4))
            out.append(SynthesizedKernelLine(
                "RAX: 00007f3a2c000000 RBX: 0000000000000000 RCX: 0000000000000000", level: 4))
            out.append(SynthesizedKernelLine(
                "RDX: 0000000000000001 RSI: 0000000000000000 RDI: 00007f3a2d7ff000", level: 4))
            out.append(SynthesizedKernelLine(
                "RBP: 0000000000001000 R08: 0000000000000000 R09: 0000000000000000", level: 4))
            out.append(SynthesizedKernelLine(
                "R10: 0000000000000000 R11: 0000000000000246 R12: 0000000000000000", level: 4))
            out.append(SynthesizedKernelLine(
                "R13: 00007f3a2d7ff000 R14: 0000000000000000 R15: 0000000000000000", level: 4))
        }
        switch p.era {
        case .linux2_6_18:
            addressed(["out_of_memory+0x8e/0x2f3", "__alloc_pages+0x27f/0x308", "__do_page_cache_readahead+0x96/0x179",
                       "filemap_nopage+0x14c/0x360", "__handle_mm_fault+0x1f8/0xe5c", "do_page_fault+0x4cb/0x874",
                       "error_exit+0x0/0x84"], base: 0xffff_ffff_8000_0000, digits: 16)
        case .linux2_6_19to31:
            addressed(["? oom_kill_process+0x5e/0x1f0", "? __out_of_memory+0x1b1/0x1d0", "out_of_memory+0x50/0x80",
                       "__alloc_pages_internal+0x3a3/0x3e0", "__do_page_cache_readahead+0x9c/0x1a0",
                       "filemap_fault+0x2ee/0x3f0", "__do_fault+0x4d/0x3d0", "handle_mm_fault+0x22e/0x6e0",
                       "do_page_fault+0x157/0x310", "error_code+0x73/0x78"], base: 0xc010_0000, digits: 8)
        case .rhel6_2_6_32:
            addressed(["? dump_header+0x90/0x1b0", "? security_real_capable_noaudit+0x3c/0x70",
                       "? oom_kill_process+0x82/0x2a0", "? select_bad_process+0xe1/0x120",
                       "? out_of_memory+0x220/0x3c0",
                       "? __alloc_pages_nodemask+0x93c/0x950", "? alloc_pages_vma+0x9a/0x150",
                       "? handle_pte_fault+0x73d/0xb20", "? handle_mm_fault+0x299/0x3d0",
                       "? __do_page_fault+0x146/0x500",
                       "? do_page_fault+0x3e/0xa0", "? page_fault+0x25/0x30"], base: 0xffff_ffff_8100_0000, digits: 16)
        case .linux3_10:
            stackWords()
            addressed(["dump_stack+0x19/0x1b", "dump_header+0x8e/0x225", "oom_kill_process+0x24e/0x3c0",
                       "out_of_memory+0x4b6/0x4f0", "__alloc_pages_slowpath+0x5d7/0x725",
                       "__alloc_pages_nodemask+0x405/0x420", "alloc_pages_current+0xaa/0x170",
                       "__page_cache_alloc+0x97/0xb0", "filemap_fault+0x170/0x410", "__do_fault+0x52/0xe0",
                       "handle_mm_fault+0x5fc/0xf50", "__do_page_fault+0x154/0x450", "do_page_fault+0x35/0x90",
                       "page_fault+0x28/0x30"], base: kernelBase, digits: digits)
        case .linux4_8:
            stackWords()
            addressed(["dump_stack+0x63/0x90", "dump_header+0x5c/0x1ea", "oom_kill_process+0x221/0x3f0",
                       "out_of_memory+0x140/0x4b0", "__alloc_pages_slowpath+0xb0d/0xbc0",
                       "__alloc_pages_nodemask+0x28b/0x2b0", "alloc_pages_vma+0xb0/0x230",
                       "handle_mm_fault+0x1232/0x1320", "__do_page_fault+0x24c/0x4d0", "do_page_fault+0x22/0x30",
                       "page_fault+0x28/0x30"], base: 0xffff_ffff_8100_0000, digits: 16)
        case .linux4_19:
            out.append(SynthesizedKernelLine("Call Trace:", level: 4))
            for f in ["dump_stack+0x5c/0x80", "dump_header+0x6b/0x283", "? do_try_to_free_pages+0x2ec/0x370",
                      "oom_kill_process.cold.30+0xb/0x1cf", "? oom_badness+0x23/0x140", "out_of_memory+0x1a5/0x430",
                      "__alloc_pages_slowpath+0xbd8/0xcb0", "__alloc_pages_nodemask+0x28b/0x2b0",
                      "alloc_pages_vma+0x74/0x1c0", "__handle_mm_fault+0x959/0x1190", "handle_mm_fault+0xd6/0x200",
                      "__do_page_fault+0x249/0x4f0", "? page_fault+0x8/0x30", "page_fault+0x1e/0x30"] {
                frame(f)
            }
            userRegisters()
        case .memcgV1:
            out.append(SynthesizedKernelLine("Call Trace:", level: 4))
            for f in ["dump_stack+0x63/0x8d", "dump_header+0x71/0x285", "oom_kill_process+0x220/0x440",
                      "out_of_memory+0x2d1/0x4f0", "mem_cgroup_out_of_memory+0x4b/0x80",
                      "mem_cgroup_oom_synchronize+0x2e8/0x320", "? mem_cgroup_css_online+0x40/0x40",
                      "pagefault_out_of_memory+0x36/0x7b", "mm_fault_error+0x90/0x180", "__do_page_fault+0x4a5/0x4d0",
                      "do_page_fault+0x2e/0xe0", "? page_fault+0x2f/0x50", "page_fault+0x45/0x50"] {
                frame(f)
            }
            userRegisters()
        case .linux6_1, .memcgV2:
            out.append(SynthesizedKernelLine("Call Trace:", level: 4))
            frame("<TASK>")
            let global = ["dump_stack_lvl+0x44/0x5c", "dump_header+0x4a/0x211", "oom_kill_process.cold+0xb/0x10",
                          "out_of_memory+0x1fd/0x4c0", "__alloc_pages_slowpath.constprop.0+0xc7b/0xe30",
                          "__alloc_pages+0x305/0x330", "folio_alloc+0x17/0x50", "__filemap_get_folio+0x155/0x340",
                          "filemap_fault+0x139/0x910", "__do_fault+0x31/0x80", "do_fault+0x1b7/0x3f0",
                          "__handle_mm_fault+0x660/0xfa0", "handle_mm_fault+0xdb/0x2d0",
                          "do_user_addr_fault+0x1b0/0x580", "exc_page_fault+0x77/0x170", "asm_exc_page_fault+0x22/0x30"]
            let memcg = ["dump_stack_lvl+0x44/0x5c", "dump_header+0x4a/0x211", "oom_kill_process.cold+0xb/0x10",
                         "out_of_memory+0x1fd/0x4c0", "mem_cgroup_out_of_memory+0x134/0x150",
                         "try_charge_memcg+0x696/0x780", "charge_memcg+0x39/0xf0", "__mem_cgroup_charge+0x28/0x80",
                         "do_anonymous_page+0x11a/0x3c0", "__handle_mm_fault+0x660/0xfa0", "handle_mm_fault+0xdb/0x2d0",
                         "do_user_addr_fault+0x1b0/0x580", "exc_page_fault+0x77/0x170", "asm_exc_page_fault+0x22/0x30"]
            for f in p.era == .memcgV2 ? memcg : global { frame(f) }
            userRegisters()
            frame("</TASK>")
        }
        return out
    }

    /// A stable pseudo address offset for a symbol (FNV-1a), so traces repeat exactly.
    static func fakeOffset(_ symbol: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in symbol.utf8 {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return (h % 0x007f_ffff) & ~0xf | 0xc
    }
}
