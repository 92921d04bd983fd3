# mistake: measures the lengths after padding, so every length equals the padded length
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    padded = torch.nn.utils.rnn.pad_sequence([seq for seq, _ in batch], batch_first=True)
    lengths = torch.tensor([len(row) for row in padded], dtype=torch.int64)
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
