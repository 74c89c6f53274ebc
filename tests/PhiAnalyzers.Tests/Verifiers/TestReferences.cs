using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PhiAnalyzers.Tests.Verifiers;

/// <summary>
/// Metadata references for test compilations: the .NET 10 reference assemblies (offline, from
/// Basic.Reference.Assemblies) plus the real assemblies of every library whose API the analyzers know.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(Build);

    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    /// <summary>Reference assemblies with no packages (the references come from <see cref="All"/>).</summary>
    public static ReferenceAssemblies None { get; } = new ReferenceAssemblies("net10.0-none");

    private static ImmutableArray<MetadataReference> Build()
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        builder.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in Basic.Reference.Assemblies.Net100.References.All)
        {
            if (r.FilePath is { } p)
            {
                seen.Add(Path.GetFileName(p));
            }
        }

        foreach (var assembly in LibraryAnchors())
        {
            var location = assembly.Location;
            if (string.IsNullOrEmpty(location) || !seen.Add(Path.GetFileName(location)))
            {
                continue;
            }

            builder.Add(MetadataReference.CreateFromFile(location));
        }

        return builder.ToImmutable();
    }

    private static IEnumerable<Assembly> LibraryAnchors()
    {
        yield return typeof(PhiGuard.PhiAttribute).Assembly;
        yield return typeof(Microsoft.Extensions.Logging.ILogger).Assembly;
        yield return typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger).Assembly;
        yield return typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache).Assembly;
        yield return typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly;
        yield return typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly;
        yield return typeof(Microsoft.Extensions.Options.IOptions<>).Assembly;
        yield return typeof(Serilog.Log).Assembly;
        yield return typeof(NLog.Logger).Assembly;
        yield return typeof(log4net.ILog).Assembly;
        yield return typeof(OpenAI.OpenAIClient).Assembly;
        yield return typeof(System.ClientModel.ApiKeyCredential).Assembly;
        yield return typeof(Azure.AI.OpenAI.AzureOpenAIClient).Assembly;
        yield return typeof(Azure.Core.TokenCredential).Assembly;
        yield return typeof(Microsoft.Extensions.AI.IChatClient).Assembly;
        yield return typeof(Microsoft.SemanticKernel.Kernel).Assembly;
        yield return typeof(Microsoft.SemanticKernel.KernelExtensions).Assembly;
        yield return typeof(Microsoft.ApplicationInsights.TelemetryClient).Assembly;
        yield return typeof(StackExchange.Redis.IDatabase).Assembly;
        yield return typeof(Dapper.SqlMapper).Assembly;
        yield return typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly;
        yield return typeof(Azure.Storage.Blobs.BlobClient).Assembly;
        yield return typeof(Microsoft.AspNetCore.DataProtection.IDataProtector).Assembly;
        yield return typeof(Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions).Assembly;
    }
}
