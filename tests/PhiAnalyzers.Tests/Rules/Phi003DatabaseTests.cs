using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = PhiAnalyzers.Tests.Verifiers.Verify<PhiAnalyzers.Rules.PhiStoreAnalyzer>;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI003 on caches, Redis and databases (ADO.NET, Dapper, EF Core and its value converters).</summary>
public class Phi003DatabaseTests
{
    /// <summary>Microsoft.Data.SqlClient does not ship in the test references: the same names, declared here.</summary>
    private const string SqlClientMirror = """

        namespace Microsoft.Data.SqlClient
        {
            using System.Data;
            using System.Data.Common;
            using System.Diagnostics.CodeAnalysis;
            public sealed class SqlParameter : DbParameter
            {
                public SqlParameter() { }
                public SqlParameter(string parameterName, object? value) { }
                public override DbType DbType { get; set; }
                public override ParameterDirection Direction { get; set; }
                public override bool IsNullable { get; set; }
                [AllowNull] public override string ParameterName { get; set; } = "";
                public override int Size { get; set; }
                [AllowNull] public override string SourceColumn { get; set; } = "";
                public override bool SourceColumnNullMapping { get; set; }
                public override object? Value { get; set; }
                public override void ResetDbType() { }
            }
            public abstract class SqlParameterCollection : DbParameterCollection
            {
                public SqlParameter AddWithValue(string parameterName, object? value) => throw null!;
            }
            public abstract class SqlCommand : DbCommand
            {
                public new SqlParameterCollection Parameters => throw null!;
            }
        }
        """;

    private static Task Run(string code, params DiagnosticResult[] expected) => V.AnalyzerAsync(code + Phi003FileTests.Model + SqlClientMirror, expected);

    private static DiagnosticResult At(int marker) => V.Finding("PHI003").WithLocation(marker);

    private static string InMethod(string statements) => $$"""
        using System.Collections.Generic;
        using System.Data;
        using System.Data.Common;
        using System.Text;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.Data.SqlClient;
        using Microsoft.Extensions.Caching.Distributed;
        using PhiGuard;
        using StackExchange.Redis;
        class C(IDistributedCache cache, IDatabase redis, IDbConnection connection, SqlCommand sql, DbCommand command, IDbCommand dataCommand, IPhiTokenizer tokenizer)
        {
            async Task M(Patient p)
            {
                {{statements}}
            }
        }
        """;

    public static TheoryData<string> CacheRedisAndSqlWrites => new()
    {
        // IDistributedCache: the key is not data.
        "{|#0:cache.Set(\"k\", Encoding.UTF8.GetBytes($V), new DistributedCacheEntryOptions())|};",
        "await {|#0:cache.SetAsync(\"k\", Encoding.UTF8.GetBytes($V))|};",
        "{|#0:cache.SetString(\"k\", $V)|};",
        "await {|#0:cache.SetStringAsync(\"k\", $V, new DistributedCacheEntryOptions())|};",
        // StackExchange.Redis IDatabase.
        "{|#0:redis.StringSet(\"k\", $V)|};",
        "await {|#0:redis.StringSetAsync(\"k\", $V)|};",
        "{|#0:redis.HashSet(\"h\", \"name\", $V)|};",
        "await {|#0:redis.HashSetAsync(\"h\", new[] { new HashEntry(\"name\", $V) })|};",
        "{|#0:redis.ListLeftPush(\"l\", $V)|};",
        "await {|#0:redis.ListRightPushAsync(\"l\", $V)|};",
        "{|#0:redis.ListRightPush(\"l\", $V)|};",
        "await {|#0:redis.ListLeftPushAsync(\"l\", $V)|};",
        "{|#0:redis.SetAdd(\"s\", $V)|};",
        "await {|#0:redis.SetAddAsync(\"s\", $V)|};",
        // ADO.NET parameters.
        "{|#0:sql.Parameters.AddWithValue(\"@name\", $V)|};",
        "sql.Parameters.Add({|#0:new SqlParameter(\"@name\", $V)|});",
        "var prm = command.CreateParameter(); prm.ParameterName = \"@name\"; {|#0:prm.Value = $V|};",
        "var prm = dataCommand.CreateParameter(); {|#0:prm.Value = $V|}; dataCommand.Parameters.Add(prm);",
        "sql.Parameters.Add(new SqlParameter { ParameterName = \"@name\", {|#0:Value = $V|} });",
        // Dapper: the SQL text is not data, the parameters are.
        "{|#0:connection.Execute(\"insert into t(n) values (@N)\", new { N = $V })|};",
        "await {|#0:connection.ExecuteAsync(\"update t set n = @N\", new { N = $V })|};",
        "_ = {|#0:connection.Query<int>(\"select id from t where n = @N\", new { N = $V })|};",
        "var args = new DynamicParameters(); args.Add(\"N\", $V); await {|#0:connection.ExecuteAsync(\"insert into t(n) values (@N)\", args)|};",
    };

    [Theory]
    [MemberData(nameof(CacheRedisAndSqlWrites))]
    public Task WriteOfPhiIsReported(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "p.Name", keepMarker: true)), At(0));

    [Theory]
    [MemberData(nameof(CacheRedisAndSqlWrites))]
    public Task WriteOfNonPhiMemberIsNot(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "p.Ward", keepMarker: false)));

    [Theory]
    [MemberData(nameof(CacheRedisAndSqlWrites))]
    public Task WriteOfTokenIsNot(string statement)
        => Run(InMethod(Phi003FileTests.Fill(statement, "tokenizer.Tokenize(p.Ssn)", keepMarker: false)));

    [Fact]
    public Task CacheKeyIsNotData()
        => Run(InMethod("""
            await cache.SetStringAsync("patient:" + p.Name, p.Ward);
            redis.StringSet("patient:" + p.Ssn, p.Id);
            sql.Parameters.AddWithValue(p.Name, p.Id);
            """));

    [Fact]
    public Task MessageNamesTheCacheAndTheOrigin()
        => Run(InMethod("""{|#0:cache.SetString("recent", {|#1:p.Ssn|})|};"""),
            V.Diagnostic().WithLocation(0).WithArguments("Patient.Ssn", "IDistributedCache.SetString"));

    // ---------------------------------------------------------------- EF Core

    private const string EfModel = """

        namespace Clinic
        {
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;
            using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

            public sealed class Bed { public int Id { get; set; } public string Ward { get; set; } = ""; }
            public sealed class Note { public int Id { get; set; } public string Text { get; set; } = ""; }

            public static class Crypto
            {
                public static readonly ValueConverter<string, string> Sealed = new(v => "enc:" + v, v => v.Substring(4));
            }

            public class PlainContext : DbContext
            {
                public DbSet<Patient> Patients => Set<Patient>();
                public DbSet<Bed> Beds => Set<Bed>();
                public DbSet<Note> Notes => Set<Note>();
            }

            public class PartlyConvertedContext : DbContext
            {
                public DbSet<Patient> Patients => Set<Patient>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Patient>().Property(p => p.Name).HasMaxLength(200).HasConversion(Crypto.Sealed);
                }
            }

            public class ConvertedContext : DbContext
            {
                public DbSet<Patient> Patients => Set<Patient>();
                public DbSet<Note> Notes => Set<Note>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Patient>(b =>
                    {
                        b.Property(p => p.Name).HasConversion(Crypto.Sealed);
                        b.Property<string>("Ssn").HasConversion(v => "enc:" + v, v => v.Substring(4));
                    });
                    var notes = modelBuilder.Entity<Note>();
                    notes.Property(n => n.Text).HasConversion(Crypto.Sealed);
                }
            }

            public sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
            {
                public void Configure(EntityTypeBuilder<Patient> builder)
                {
                    builder.Property(p => p.Name).HasConversion(Crypto.Sealed);
                    builder.Property(nameof(Patient.Ssn)).HasConversion(Crypto.Sealed);
                }
            }

            public class ConfiguredContext : DbContext
            {
                public DbSet<Patient> Patients => Set<Patient>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new PatientConfiguration());
            }

            public sealed class SealedStrings : ValueConverter<string, string>
            {
                public SealedStrings() : base(v => "enc:" + v, v => v.Substring(4)) { }
            }

            public class ConventionContext : DbContext
            {
                public DbSet<Patient> Patients => Set<Patient>();
                protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
                    => configurationBuilder.Properties<string>().HaveConversion<SealedStrings>();
            }

            [PhiGuard.EncryptedAtRest]
            public class TdeContext : DbContext
            {
                public DbSet<Patient> Patients => Set<Patient>();
            }
        }
        """;

    private static Task RunEf(string code, params DiagnosticResult[] expected) => Run(code + EfModel, expected);

    public static TheoryData<string> EfWrites => new()
    {
        "{|#0:db.Patients.Add(p)|};",
        "await {|#0:db.Patients.AddAsync(p)|};",
        "{|#0:db.Add(p)|};",
        "await {|#0:db.AddAsync(p)|};",
        "{|#0:db.Update(p)|};",
        "{|#0:db.Patients.Update(p)|};",
        "{|#0:db.Attach(p)|};",
        "{|#0:db.Patients.Attach(p)|};",
        "{|#0:db.AddRange(p, new Patient())|};",
        "{|#0:db.Patients.AddRange(new List<Patient> { p })|};",
        "await {|#0:db.AddRangeAsync(new[] { p })|};",
        "{|#0:db.UpdateRange(p)|};",
        "{|#0:db.Set<Patient>().Add(p)|};",
    };

    private static string EfMethod(string context, string statement) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Clinic;
        class C
        {
            async Task M({{context}} db, Patient p)
            {
                {{statement}}
                await Task.CompletedTask;
            }
        }
        """;

    [Theory]
    [MemberData(nameof(EfWrites))]
    public Task EntityWithUnconvertedPhiIsReported(string statement)
        => RunEf(EfMethod("PlainContext", statement), At(0));

    [Theory]
    [MemberData(nameof(EfWrites))]
    public Task EntityWithEveryPhiPropertyConvertedIsNot(string statement)
        => RunEf(EfMethod("ConvertedContext", Phi003FileTests.Fill(statement, "", keepMarker: false)));

    [Theory]
    [MemberData(nameof(EfWrites))]
    public Task EntityConfiguredByApplyConfigurationIsNot(string statement)
        => RunEf(EfMethod("ConfiguredContext", Phi003FileTests.Fill(statement, "", keepMarker: false)));

    [Theory]
    [MemberData(nameof(EfWrites))]
    public Task EntityConvertedByConventionIsNot(string statement)
        => RunEf(EfMethod("ConventionContext", Phi003FileTests.Fill(statement, "", keepMarker: false)));

    [Theory]
    [MemberData(nameof(EfWrites))]
    public Task EncryptedAtRestContextIsNot(string statement)
        => RunEf(EfMethod("TdeContext", Phi003FileTests.Fill(statement, "", keepMarker: false)));

    [Fact]
    public Task MessageNamesThePropertyWithoutAConverter()
        => RunEf("""
            using Clinic;
            class C
            {
                void M(PartlyConvertedContext db, Patient p)
                {
                    {|#0:db.Patients.Add(p)|};
                    {|#1:db.Add(p)|};
                }
            }
            """,
            V.Diagnostic().WithLocation(0).WithArguments("Patient", "DbSet.Add: Patient.Ssn mapped without a value converter").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            V.Diagnostic().WithLocation(1).WithArguments("Patient", "DbContext.Add: Patient.Ssn mapped without a value converter").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task EntityWithoutPhiIsNotReported()
        => RunEf("""
            using Clinic;
            class C
            {
                void M(PlainContext db, Patient p)
                {
                    db.Beds.Add(new Bed { Ward = p.Ward });
                    db.Add(new Bed { Id = p.Id });
                }
            }
            """);

    [Fact]
    public Task UnmarkedColumnGivenPhiNeedsAConverterToo()
        => RunEf("""
            using Clinic;
            using PhiGuard;
            class C(IPhiTokenizer tokenizer)
            {
                void Plain(PlainContext db, Patient p)
                {
                    {|#0:db.Notes.Add(new Note { Text = "Seen: " + p.Name })|};
                    db.Notes.Add(new Note { Text = tokenizer.Tokenize(p.Name) });
                }

                void Converted(ConvertedContext db, Patient p) => db.Notes.Add(new Note { Text = "Seen: " + p.Name });
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "DbSet.Add: Note.Text mapped without a value converter").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task ForwardingRepositoryIsReportedAtTheCall()
        => RunEf("""
            using Clinic;
            class Repository(PlainContext db)
            {
                public void SaveNote(string text) => db.Notes.Add(new Note { Text = text });
                public void SaveBed(Bed bed) => db.Beds.Add(bed);
            }
            class C(Repository repository)
            {
                void M(Patient p)
                {
                    {|#0:repository.SaveNote(p.Name)|};
                    repository.SaveBed(new Bed());
                }
            }
            """, V.Diagnostic().WithLocation(0).WithArguments("Patient.Name", "Repository.SaveNote -> DbSet.Add: Note.Text mapped without a value converter").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task AnEntityOfAPhiTypeIsPhiWhereverItIsWritten()
        => RunEf("""
            using Clinic;
            class Repository(PlainContext db, ConvertedContext sealedDb)
            {
                public void Save(Patient patient) => {|#0:db.Patients.Add(patient)|};
                public void SaveSealed(Patient patient) => sealedDb.Patients.Add(patient);
            }
            """, At(0));

    [Fact]
    public Task OddModelConfigurationDoesNotCrash()
        => RunEf("""
            using System;
            using Clinic;
            using Microsoft.EntityFrameworkCore;
            class OddContext : DbContext
            {
                public DbSet<Patient> Patients => Set<Patient>();
                private static string Column() => "Name";
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity(typeof(Patient)).Property("Name").HasConversion(Crypto.Sealed);
                    modelBuilder.Entity<Patient>().Property<string>(Column()).HasConversion(Crypto.Sealed);
                    Func<string, string> f = s => s;
                    modelBuilder.Entity<Patient>().Property(p => f(p.Ssn)).HasConversion(Crypto.Sealed);
                    modelBuilder.ApplyConfiguration<Patient>(null!);
                    OnModelCreating(modelBuilder);
                }
            }
            class C
            {
                void M(OddContext db, Patient p) => {|#0:db.Patients.Add(p)|};
            }
            """, At(0));
}
