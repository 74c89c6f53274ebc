using PhiAnalyzers.Tests.Verifiers;
using Xunit;
using static PhiAnalyzers.Tests.Rules.Phi002Fixture;

namespace PhiAnalyzers.Tests.Rules;

/// <summary>PHI002: the HTTP, mail and [PhiSink(Egress)] sink families, each with a twin that must stay silent.</summary>
public class Phi002HttpSinkTests
{
    private static string InMethod(string statements) => $$"""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Threading.Tasks;
        using PhiGuard;
        class C(HttpClient http, IPhiTokenizer tokenizer)
        {
            async Task M(Patient p)
            {
                {{statements}}
            }
        }
        """;

    [Fact]
    public Task MessageNamesOriginSinkAndUnknownDestination()
        => Run(
            InMethod("""await {|#0:http.PostAsync("/v1/notes", new StringContent(p.Name))|};"""),
            Unknown(0, "Patient.Name", "HttpClient.PostAsync"));

    [Fact]
    public Task SourceIsAnAdditionalLocation()
        => Run(
            InMethod("""
                var ssn = {|#1:p.Ssn|};
                await {|#0:http.PostAsync("/v1/notes", new StringContent(ssn))|};
                """),
            Verify<PhiAnalyzers.Rules.PhiEgressAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("Patient.Ssn", "HttpClient.PostAsync", "an unknown destination", UnknownReason));

    [Theory]
    [InlineData("await {|#0:http.GetAsync($\"/v1/lookup?name={p.Name}\")|};")]
    [InlineData("await {|#0:http.PostAsync(\"/v1/notes\", new StringContent(p.Name))|};")]
    [InlineData("await {|#0:http.PutAsync(\"/v1/notes\", new StringContent(p.Name))|};")]
    [InlineData("await {|#0:http.PatchAsync(\"/v1/notes\", new StringContent(p.Name))|};")]
    [InlineData("await {|#0:http.DeleteAsync(\"/v1/patients/\" + p.Ssn)|};")]
    [InlineData("await {|#0:http.SendAsync(new HttpRequestMessage(HttpMethod.Post, \"/v1/notes\") { Content = new StringContent(p.Name) })|};")]
    [InlineData("{|#0:http.Send(new HttpRequestMessage(HttpMethod.Get, \"/v1/lookup?ssn=\" + p.Ssn))|};")]
    [InlineData("await {|#0:http.PostAsJsonAsync(\"/v1/patients\", new { p.Name })|};")]
    [InlineData("await {|#0:http.PutAsJsonAsync(\"/v1/patients\", p)|};")]
    [InlineData("await {|#0:http.PatchAsJsonAsync(\"/v1/patients\", new { name = p.Name })|};")]
    [InlineData("await {|#0:http.GetFromJsonAsync<string>(\"/v1/lookup?email=\" + p.Email)|};")]
    [InlineData("await {|#0:http.GetStringAsync($\"/v1/lookup?name={p.Name}\")|};")]
    [InlineData("await {|#0:http.GetStreamAsync(\"/v1/lookup/\" + p.Ssn)|};")]
    [InlineData("await {|#0:http.GetByteArrayAsync(new Uri(\"/v1/lookup/\" + p.Ssn, UriKind.Relative))|};")]
    public Task HttpClientForms(string statement) => Run(InMethod(statement), At(0));

    [Theory]
    [InlineData("await http.GetAsync($\"/v1/lookup?id={p.Id}\");")]
    [InlineData("await http.PostAsync(\"/v1/notes\", new StringContent(p.Ward));")]
    [InlineData("await http.PutAsync(\"/v1/notes\", new StringContent(tokenizer.Tokenize(p.Name)));")]
    [InlineData("await http.PatchAsync(\"/v1/notes\", new StringContent(PhiRedaction.Redact(p.Name)));")]
    [InlineData("await http.DeleteAsync(\"/v1/patients/\" + p.Id);")]
    [InlineData("await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, \"/v1/notes\") { Content = new StringContent(p.Ward) });")]
    [InlineData("http.Send(new HttpRequestMessage(HttpMethod.Get, \"/v1/lookup?ssn=\" + tokenizer.Tokenize(p.Ssn)));")]
    [InlineData("await http.PostAsJsonAsync(\"/v1/patients\", new { p.Id, p.Ward });")]
    [InlineData("await http.PutAsJsonAsync(\"/v1/patients\", new { p.Name.Length });")]
    [InlineData("await http.PatchAsJsonAsync(\"/v1/patients\", new { name = tokenizer.Tokenize(p.Name) });")]
    [InlineData("await http.GetFromJsonAsync<string>(\"/v1/lookup?id=\" + p.Id);")]
    [InlineData("await http.GetStringAsync($\"/v1/lookup?ward={p.Ward}\");")]
    [InlineData("await http.GetStreamAsync(\"/v1/lookup/\" + p.Id);")]
    [InlineData("await http.GetByteArrayAsync(new Uri(\"/v1/lookup/\" + p.Id, UriKind.Relative));")]
    public Task HttpClientFormsWithoutPhi(string statement) => Run(InMethod(statement));

    [Theory]
    [InlineData("await {|#0:http.PostAsync(\"https://api.none.example/v1\", new StringContent(p.Name))|};")]
    [InlineData("await {|#0:http.PostAsJsonAsync(\"https://api.none.example/v1\", new { p.Name })|};")]
    [InlineData("await {|#0:http.GetStringAsync(\"https://api.none.example/v1?ssn=\" + p.Ssn)|};")]
    public Task HttpClientToAVendorWithoutBaa(string statement) => Run(InMethod(statement), At(0));

    [Theory]
    [InlineData("await http.PostAsync(\"https://api.good.example/v1\", new StringContent(p.Name));")]
    [InlineData("await http.PostAsJsonAsync(\"https://api.good.example/v1\", new { p.Name });")]
    [InlineData("await http.GetStringAsync(\"https://api.good.example/v1?ssn=\" + p.Ssn);")]
    [InlineData("await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, \"https://api.good.example/v1\") { Content = new StringContent(p.Name) });")]
    [InlineData("await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(\"https://api.good.example/v1\")) { Content = new StringContent(p.Name) });")]
    public Task HttpClientToASignedVendorIsSilent(string statement) => Run(InMethod(statement));

    [Fact]
    public Task RequestMessageWithPhiInItsUri()
        => Run(InMethod("""
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/lookup?ssn={p.Ssn}");
            await {|#0:http.SendAsync(request)|};
            var clean = new HttpRequestMessage(HttpMethod.Get, $"/v1/lookup?id={p.Id}");
            await http.SendAsync(clean);
            """), At(0));

    [Fact]
    public Task RequestMessageWithPhiInItsRequestUriProperty()
        => Run(InMethod("""
            var request = new HttpRequestMessage { Method = HttpMethod.Get };
            request.RequestUri = new Uri("/v1/lookup?ssn=" + p.Ssn, UriKind.Relative);
            await {|#0:http.SendAsync(request)|};
            var clean = new HttpRequestMessage { Method = HttpMethod.Get };
            clean.RequestUri = new Uri("/v1/lookup?id=" + p.Id, UriKind.Relative);
            await http.SendAsync(clean);
            """), At(0));

    [Fact]
    public Task RequestMessageWithPhiInItsContent()
        => Run(InMethod("""
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/notes");
            request.Content = new StringContent(p.Name);
            await {|#0:http.SendAsync(request)|};
            var clean = new HttpRequestMessage(HttpMethod.Post, "/v1/notes");
            clean.Content = new StringContent(tokenizer.Tokenize(p.Name));
            await http.SendAsync(clean);
            """), At(0));

    [Theory]
    [InlineData("new StringContent(p.Name, Encoding.UTF8, \"text/plain\")")]
    [InlineData("JsonContent.Create(p)")]
    [InlineData("JsonContent.Create(new { p.Ssn })")]
    [InlineData("new ByteArrayContent(Encoding.UTF8.GetBytes(p.Name))")]
    [InlineData("new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(p.Ssn)))")]
    [InlineData("new FormUrlEncodedContent(new Dictionary<string, string> { [\"name\"] = p.Name })")]
    [InlineData("new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>(\"ssn\", p.Ssn) })")]
    [InlineData("new FormUrlEncodedContent(new List<KeyValuePair<string, string>> { new(\"email\", p.Email) })")]
    [InlineData("new MultipartFormDataContent { { new StringContent(p.Name), \"name\" } }")]
    public Task HttpContentBuiltFromPhi(string content)
        => Run(InMethod($$"""
            var content = {{content}};
            await {|#0:http.PostAsync("/v1/upload", content)|};
            """), At(0));

    [Theory]
    [InlineData("new StringContent(p.Ward, Encoding.UTF8, \"text/plain\")")]
    [InlineData("JsonContent.Create(new { p.Id, p.Ward })")]
    [InlineData("JsonContent.Create(new { ssn = tokenizer.Tokenize(p.Ssn) })")]
    [InlineData("new ByteArrayContent(Encoding.UTF8.GetBytes(p.Ward))")]
    [InlineData("new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(tokenizer.Tokenize(p.Ssn))))")]
    [InlineData("new FormUrlEncodedContent(new Dictionary<string, string> { [\"ward\"] = p.Ward })")]
    [InlineData("new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>(\"ssn\", tokenizer.Tokenize(p.Ssn)) })")]
    [InlineData("new FormUrlEncodedContent(new List<KeyValuePair<string, string>> { new(\"id\", p.Id.ToString()) })")]
    [InlineData("new MultipartFormDataContent { { new StringContent(p.Ward), \"ward\" } }")]
    public Task HttpContentBuiltWithoutPhi(string content)
        => Run(InMethod($$"""
            var content = {{content}};
            await http.PostAsync("/v1/upload", content);
            """));

    [Fact]
    public Task MultipartContentWithAPhiPartAddedLater()
        => Run(InMethod("""
            var form = new MultipartFormDataContent();
            form.Add(new StringContent(p.Name), "name");
            await {|#0:http.PostAsync("/v1/upload", form)|};
            var clean = new MultipartFormDataContent();
            clean.Add(new StringContent(p.Ward), "ward");
            await http.PostAsync("/v1/upload", clean);
            """), At(0));

    [Fact]
    public Task PhiInTheQueryStringOfAnInterpolatedAbsoluteUrl()
        => Run(InMethod("""
            await {|#0:http.GetAsync($"https://api.none.example/v1/search?name={Uri.EscapeDataString(p.Name)}&ward={p.Ward}")|};
            await http.GetAsync($"https://api.none.example/v1/search?id={p.Id}&ward={p.Ward}");
            """), At(0));

    [Fact]
    public Task PhiInTheQueryStringBuiltWithAStringBuilder()
        => Run(InMethod("""
            var url = new StringBuilder("/v1/search?");
            url.Append("ssn=").Append(p.Ssn);
            await {|#0:http.GetAsync(url.ToString())|};
            var clean = new StringBuilder("/v1/search?");
            clean.Append("id=").Append(p.Id);
            await http.GetAsync(clean.ToString());
            """), At(0));

#pragma warning disable SYSLIB0014
    [Theory]
    [InlineData("{|#0:web.UploadString(\"https://api.none.example/v1\", p.Name)|};")]
    [InlineData("await {|#0:web.UploadStringTaskAsync(\"https://fax.unknown.example/v1\", p.Ssn)|};")]
    [InlineData("{|#0:web.UploadData(\"https://fax.unknown.example/v1\", Encoding.UTF8.GetBytes(p.Name))|};")]
    [InlineData("{|#0:web.DownloadString(\"https://fax.unknown.example/v1?ssn=\" + p.Ssn)|};")]
    public Task WebClientForms(string statement)
        => Run(InMethod($$"""
            #pragma warning disable SYSLIB0014
            using var web = new System.Net.WebClient();
            {{statement}}
            """), At(0));

    [Theory]
    [InlineData("web.UploadString(\"https://api.none.example/v1\", p.Ward);")]
    [InlineData("await web.UploadStringTaskAsync(\"https://fax.unknown.example/v1\", tokenizer.Tokenize(p.Ssn));")]
    [InlineData("web.UploadData(\"https://fax.unknown.example/v1\", Encoding.UTF8.GetBytes(p.Ward));")]
    [InlineData("web.UploadString(\"https://api.good.example/v1\", p.Name);")]
    public Task WebClientFormsWithoutPhiOrToASignedVendor(string statement)
        => Run(InMethod($$"""
            #pragma warning disable SYSLIB0014
            using var web = new System.Net.WebClient();
            {{statement}}
            """));
#pragma warning restore SYSLIB0014

    [Theory]
    [InlineData("var mail = new MailMessage(\"clinic@example.org\", p.Email);")]
    [InlineData("var mail = new MailMessage(\"clinic@example.org\", \"lab@example.org\", \"Results for \" + p.Name, \"see portal\");")]
    [InlineData("var mail = new MailMessage(\"clinic@example.org\", \"lab@example.org\") { Body = p.Ssn };")]
    [InlineData("var mail = new MailMessage(\"clinic@example.org\", \"lab@example.org\"); mail.Subject = p.Name;")]
    [InlineData("var mail = new MailMessage(); mail.To.Add(p.Email);")]
    [InlineData("var mail = new MailMessage(); mail.To.Add(new MailAddress(p.Email, p.Name));")]
    public Task SmtpClientSendWithAMessageBuiltFromPhi(string build)
        => Run(InMethod($$"""
            using var smtp = new SmtpClient("smtp.example.org");
            {{build}}
            {|#0:smtp.Send(mail)|};
            """).Replace("using System;", "using System;\nusing System.Net.Mail;"), At(0));

    [Theory]
    [InlineData("var mail = new MailMessage(\"clinic@example.org\", \"lab@example.org\", \"Results for \" + p.Id, \"see portal\");")]
    [InlineData("var mail = new MailMessage(\"clinic@example.org\", \"lab@example.org\") { Body = tokenizer.Tokenize(p.Ssn) };")]
    [InlineData("var mail = new MailMessage(\"clinic@example.org\", \"lab@example.org\"); mail.Subject = p.Ward;")]
    public Task SmtpClientSendWithAMessageWithoutPhi(string build)
        => Run(InMethod($$"""
            using var smtp = new SmtpClient("smtp.example.org");
            {{build}}
            smtp.Send(mail);
            """).Replace("using System;", "using System;\nusing System.Net.Mail;"));

    [Fact]
    public Task SmtpClientSendStrings()
        => Run(InMethod("""
            using var smtp = new System.Net.Mail.SmtpClient("smtp.example.org");
            {|#0:smtp.Send("clinic@example.org", "lab@example.org", "Results", "Patient " + p.Name)|};
            await {|#1:smtp.SendMailAsync("clinic@example.org", p.Email, "Results", "see portal")|};
            smtp.Send("clinic@example.org", "lab@example.org", "Results", "Patient " + p.Id);
            """), At(0), At(1));

    [Fact]
    public Task PhiSinkEgressParameter()
        => Run("""
            using PhiGuard;
            interface IPartnerQueue
            {
                void Publish(string topic, [PhiSink(PhiSinkKind.Egress)] string payload);
            }
            class C(IPartnerQueue queue)
            {
                void M(Patient p)
                {
                    {|#0:queue.Publish("admissions", p.Name)|};
                    queue.Publish(p.Name, p.Ward);
                }
            }
            """, Unknown(0, "Patient.Name", "IPartnerQueue.Publish"));

    [Fact]
    public Task PhiSinkEgressMethod()
        => Run("""
            using PhiGuard;
            abstract class Partner
            {
                [PhiSink(PhiSinkKind.Egress)]
                public abstract void Upload(string name, string body);
            }
            class C(Partner partner, IPhiTokenizer tokenizer)
            {
                void M(Patient p)
                {
                    {|#0:partner.Upload("x", p.Ssn)|};
                    {|#1:partner.Upload(p.Name, "x")|};
                    partner.Upload(tokenizer.Tokenize(p.Name), p.Ward);
                }
            }
            """, At(0), At(1));

    [Fact]
    public Task PhiSinkEgressToASignedVendorIsSilent()
        => Run("""
            using PhiGuard;
            [BaaCovered("good")]
            interface IPartnerQueue
            {
                void Publish(string topic, [PhiSink(PhiSinkKind.Egress)] string payload);
            }
            interface IOtherQueue
            {
                void Publish(string topic, [PhiSink(PhiSinkKind.Egress)] string payload);
            }
            class C(IPartnerQueue queue, IOtherQueue other)
            {
                void M(Patient p)
                {
                    queue.Publish("admissions", p.Name);
                    {|#0:other.Publish("admissions", p.Name)|};
                }
            }
            """, At(0));
}
