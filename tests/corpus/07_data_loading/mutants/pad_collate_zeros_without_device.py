# mistake: allocates the padded matrix with torch.zeros(B, L, dtype=...) but without device=, so it is on the CPU while the sequences may be on a GPU
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    sequences = [seq for seq, _ in batch]
    width = max(len(seq) for seq in sequences)
    padded = torch.zeros(len(batch), width, dtype=sequences[0].dtype)
    for i, seq in enumerate(sequences):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq in sequences], dtype=torch.int64)
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return padded, lengths, labels
