# mistake: never clears the gradients, so each backward adds to the gradients of earlier calls
# targets: test_train_step
# %% train_step
def train_step(model: nn.Module, optimizer: optim.Optimizer, loss_fn, x: torch.Tensor, y: torch.Tensor) -> float:
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
