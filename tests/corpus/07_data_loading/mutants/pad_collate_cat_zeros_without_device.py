# mistake: appends a tail of torch.zeros(L - len(seq), dtype=...) made without device= to each sequence, a CPU tensor next to a sequence on a GPU
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(seq) for seq, _ in batch)
    rows = [torch.cat([seq, torch.zeros(width - len(seq), dtype=seq.dtype)]) for seq, _ in batch]
    padded = torch.stack(rows)
    lengths = torch.tensor([len(seq) for seq, _ in batch], dtype=torch.int64)
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return padded, lengths, labels
