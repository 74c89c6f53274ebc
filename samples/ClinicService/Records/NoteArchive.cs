using ClinicService.Model;
using Microsoft.Extensions.Caching.Distributed;
using PhiGuard;

namespace ClinicService.Records;

/// <summary>Keeps clinical notes and recently viewed patients.</summary>
public sealed class NoteArchive
{
    private readonly string _exportFolder;
    private readonly IDistributedCache _cache;
    private readonly EncryptedNoteStore _store;
    private readonly IPhiTokenizer _tokenizer;

    public NoteArchive(string exportFolder, IDistributedCache cache, EncryptedNoteStore store, IPhiTokenizer tokenizer)
    {
        _exportFolder = exportFolder;
        _cache = cache;
        _store = store;
        _tokenizer = tokenizer;
    }

    public void Export(ClinicalNote note)
    {
        var path = Path.Combine(_exportFolder, note.NoteId + ".txt");
        File.WriteAllText(path, note.Body); // PHI003: the note body goes to a plain file
    }

    public void Save(ClinicalNote note)
    {
        _store.Put(note.NoteId.ToString(), note.Body); // compliant: EncryptedNoteStore is [EncryptedAtRest]
    }

    public async Task RememberRecentAsync(Patient patient, CancellationToken cancellationToken)
    {
        await _cache.SetStringAsync("recent:" + patient.Id, patient.Phone, cancellationToken); // PHI003: the phone number goes to IDistributedCache
        await _cache.SetStringAsync("recent-token:" + patient.Id, _tokenizer.Tokenize(patient.Mrn), cancellationToken); // compliant: only a token is cached
    }
}
