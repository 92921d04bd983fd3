# mistake: moves the result to the CPU (hard-coded .cpu()), so CUDA inputs give CPU results
# targets: test_column
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x[:, j].cpu()
