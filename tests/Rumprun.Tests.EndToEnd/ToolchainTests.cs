using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

public sealed class ToolchainTests
{
    private static string Gcc => Guests.Tuple + "-gcc";

    private static string Work(string name) => Path.Combine(Guests.WorkDirectory, name);

    private static string Source(string name) => Path.Combine(RepoPaths.Guests, name);

    /// <summary>
    /// configure sources the installed config.site and, since autoconf 2.70, stops with "failed to load site script"
    /// when the script's status is not 0; it must not be, with --prefix or without, for the target or another host.
    /// </summary>
    [TestCase("x86_64-rumprun-netbsd", "/opt/mine", "0 /opt/mine no")]
    [TestCase("x86_64-rumprun-netbsd", null, "0 {sysroot} no")]
    [TestCase("x86_64-linux-gnu", "/opt/mine", "0 /opt/mine -")]
    [TestCase("", null, "0 NONE -")]
    public async Task Config_site_loads_with_status_0_and_answers_only_for_the_target(string host, string? prefix, string expected)
    {
        var site = Path.Combine(RepoPaths.Prefix, "share", "rumprun", "config.site");
        var script = (prefix is null ? "" : $"prefix={prefix}; ") +
            $"host_alias={host}; . \"$0\"; echo \"$? ${{prefix-NONE}} ${{ac_cv_func_fork--}}\"";

        var run = await Shell.RunAsync("sh", ["-c", script, site]);

        Assert.That(run.StandardOutput.Trim(), Is.EqualTo(expected.Replace("{sysroot}", Path.Combine(RepoPaths.Prefix, Guests.Tuple))), run.ToString());
    }

    [Test]
    public async Task An_undefined_symbol_fails_the_link_like_a_native_toolchain_and_leaves_no_output()
    {
        var output = Work("undefined_symbol");

        var link = await Shell.RunAsync(Gcc, ["-o", output, Source("undefined_symbol.c")]);

        Assert.Multiple(() =>
        {
            Assert.That(link.ExitCode, Is.Not.Zero, link.ToString());
            Assert.That(link.StandardError, Does.Contain("undefined reference to `rr_test_function_that_does_not_exist'"), link.ToString());
            Assert.That(File.Exists(output), Is.False, "a failed link must not leave an output file");
        });
    }

    [Test]
    public async Task Separately_compiled_objects_and_a_static_library_link_into_one_program()
    {
        var dir = Work("multi");
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "multi_main", "multi_lib_add", "multi_lib_name" })
        {
            var cc = await Shell.RunAsync(Gcc, ["-c", "-o", Path.Combine(dir, name + ".o"), Source(name + ".c")]);
            Assert.That(cc.ExitCode, Is.Zero, cc.ToString());
        }

        var ar = await Shell.RunAsync(Guests.Tuple + "-ar", ["rcs", Path.Combine(dir, "libmulti.a"), Path.Combine(dir, "multi_lib_add.o"), Path.Combine(dir, "multi_lib_name.o")]);
        Assert.That(ar.ExitCode, Is.Zero, ar.ToString());
        var link = await Shell.RunAsync(Gcc, ["-o", Path.Combine(dir, "multi"), Path.Combine(dir, "multi_main.o"), "-L" + dir, "-lmulti"]);
        Assert.That(link.ExitCode, Is.Zero, link.ToString());
        var bake = await Shell.RunAsync("rr-bake", ["hw_generic", Path.Combine(dir, "multi.bin"), Path.Combine(dir, "multi")]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());

        var run = await Guest.RunAsync(Path.Combine(dir, "multi.bin"));

        Assert.That(run.StandardOutput, Is.EqualTo("multi: 42\n"), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [Test]
    public async Task A_missing_library_is_named_and_the_sysroot_libraries_are_found()
    {
        var output = Work("host_library");

        var hostOnly = await Shell.RunAsync(Gcc, ["-o", output, Source("exit_status.c"), "-lrr_host_only_library"]);
        var sysroot = await Shell.RunAsync(Gcc, ["-o", output, Source("exit_status.c"), "-lm", "-l", "pthread"]);

        Assert.Multiple(() =>
        {
            Assert.That(hostOnly.ExitCode, Is.Not.Zero, hostOnly.ToString());
            Assert.That(hostOnly.StandardError, Does.Contain("cannot find -lrr_host_only_library"), hostOnly.ToString());
            Assert.That(sysroot.ExitCode, Is.Zero, sysroot.ToString());
        });
    }

    [Test]
    public async Task A_library_of_the_host_is_not_linked_even_where_the_host_compiler_would_find_it()
    {
        Assume.That(File.Exists("/usr/lib/x86_64-linux-gnu/libanl.a"), "needs glibc's libanl.a (libc6-dev)");
        var output = Work("host_libanl");

        var link = await Shell.RunAsync(Gcc, ["-o", output, Source("exit_status.c"), "-lanl"]);

        Assert.That(link.ExitCode, Is.Not.Zero, link.ToString());
        Assert.That(link.StandardError, Does.Contain("cannot find -lanl"), link.ToString());
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public async Task Running_an_unbaked_program_on_the_host_explains_how_to_bake_it()
    {
        var program = await Guests.CompileAsync("exit_status");

        var run = await Shell.RunAsync(program, []);

        Assert.That(run.ExitCode, Is.EqualTo(126), run.ToString());
        Assert.That(run.StandardError, Does.Contain("unbaked").And.Contain("rr-bake hw_generic exit_status.bin"), run.ToString());
        Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
    }

    [Test]
    public async Task The_wrapper_names_the_target_tuple()
    {
        var run = await Shell.RunAsync(Gcc, ["-dumpmachine"]);

        Assert.That(run.StandardOutput, Is.EqualTo("x86_64-rumprun-netbsd\n"));
    }

    [Test]
    public async Task A_CMake_project_configures_and_builds_with_the_installed_toolchain_file()
    {
        var dir = Work("cmake-project");
        var build = Path.Combine(dir, "build");
        Directory.CreateDirectory(build);
        await File.WriteAllTextAsync(Path.Combine(dir, "CMakeLists.txt"),
            "cmake_minimum_required(VERSION 3.13)\nproject(cmhello C)\nadd_library(multi STATIC " +
            $"{Source("multi_lib_add.c")} {Source("multi_lib_name.c")})\nadd_executable(cmhello {Source("multi_main.c")})\n" +
            "target_link_libraries(cmhello multi)\n");
        var toolchainFile = Path.Combine(RepoPaths.Prefix, "share", "rumprun", "toolchain.cmake");

        var configure = await Shell.RunAsync("cmake", ["-S", dir, "-B", build, "-DCMAKE_TOOLCHAIN_FILE=" + toolchainFile]);
        Assert.That(configure.ExitCode, Is.Zero, configure.ToString());
        var make = await Shell.RunAsync("cmake", ["--build", build]);
        Assert.That(make.ExitCode, Is.Zero, make.ToString());
        var bake = await Shell.RunAsync("rr-bake", ["hw_generic", Path.Combine(build, "cmhello.bin"), Path.Combine(build, "cmhello")]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());

        var run = await Guest.RunAsync(Path.Combine(build, "cmhello.bin"));

        Assert.That(run.StandardOutput, Is.EqualTo("multi: 42\n"), run.ToString());
    }
}
